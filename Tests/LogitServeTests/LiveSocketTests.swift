#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LogitServe

/// The service on a real socket (HummingbirdTesting's live mode binds
/// localhost on a free port): keys, predictions and errors over TCP.
@Suite(.timeLimit(.minutes(2))) struct LiveSocketTests {
    @Test func predictOverTCP() async throws {
        let harness = try ServiceHarness()
        try await harness.test(.live) { client in
            #expect(client.port != nil)
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: AccessTests.oneRow)) { response in
                #expect(response.status == .ok)
                #expect((response.object["predictions"] as? [[String: Any]])?.count == 1)
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: [:],
                                     body: ByteBuffer(string: AccessTests.oneRow)) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: "{not json")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
#endif
