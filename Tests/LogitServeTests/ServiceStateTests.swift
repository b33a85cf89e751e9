#if Service
import Logging
import Testing
@testable import LogitServe

/// What every request takes from the shared state without a model.
@Suite struct ServiceStateTests {
    /// Request ids are 24 lowercase hex digits, never repeat within a process
    /// (the counter goes through a bijection), and differ between two states
    /// (each draws its own key).
    @Test func requestIDsAreUniqueAndWellFormed() throws {
        let configuration = ServeConfiguration(model: "unused.json")
        let state = try ServiceState(configuration: configuration, logger: Logger(label: "test"))
        let ids = (0..<20_000).map { _ in state.newRequestID() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 24 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) } })
        // Consecutive ids share only the process prefix: the counter is mixed, not shown.
        #expect(ids[0].prefix(8) == ids[1].prefix(8))
        #expect(ids[0].dropFirst(8) != ids[1].dropFirst(8))
        let other = try ServiceState(configuration: configuration, logger: Logger(label: "test"))
        #expect(other.newRequestID() != ids[0], "two processes' first ids should differ (random keys)")
    }
}
#endif
