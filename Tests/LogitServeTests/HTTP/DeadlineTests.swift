#if Service
import Foundation
import Testing
@testable import LogitServe

/// The request time limit: the answer when the work is in time, 503 when it
/// is not, and nothing of a finished request kept alive until the limit
/// would have passed (a cancelled `asyncAfter` work item did that: at 5,000
/// requests/s and the 10 s default, every response of the last 10 s stayed
/// in memory).
@Suite struct DeadlineTests {
    final class Payload: Sendable {}

    @Test func finishedWorkIsReleasedAtOnce() async throws {
        weak var released: Payload?
        do {
            let payload = try await Deadline.run(seconds: 60) { Payload() }
            released = payload
        }
        // Dispatch releases a cancelled timer's handler on its queue: allow it a moment, bounded.
        for _ in 0..<200 where released != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(released == nil, "the result of a finished request is still referenced")
    }

    @Test func slowWorkTimesOut() async throws {
        let start = ContinuousClock.now
        await #expect(throws: ServeError.self) {
            try await Deadline.run(seconds: 0.2) { try await Task.sleep(for: .seconds(30)); return 1 }
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(try await Deadline.run(seconds: 5) { 42 } == 42)
    }
}
#endif
