#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LogitServe

/// Authentication, scopes and limits: 401, 403, 413, 429, 503.
@Suite struct AccessTests {
    static let oneRow = #"{"rows": [[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0]]}"#

    @Test func missingOrUnknownKeyIs401() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            for headers: HTTPFields in [[:], [.authorization: "Bearer lk_wrong"], [.authorization: "Basic abc"],
                                        [.authorization: "Bearer \(harness.userKey)x"]] {
                try await client.execute(uri: "/v1/predict", method: .post, headers: headers,
                                         body: ByteBuffer(string: Self.oneRow)) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.errorCode == "unauthorized")
                    #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
            try await client.execute(uri: "/v1/model", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func userKeyOnAdminIs403() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            for path in ["/admin/reload", "/admin/rollback"] {
                try await client.execute(uri: path, method: .post, headers: harness.user) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.errorCode == "forbidden")
                }
            }
        }
    }

    @Test func bodyOverTheLimitIs413() async throws {
        let harness = try ServiceHarness { $0.maxBodyBytes = 100 }
        let big = #"{"rows": ["# + Array(repeating: "[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0]", count: 10).joined(separator: ",") + "]}"
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: big)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.errorCode == "body_too_large")
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func pastTheRateIs429WithRetryAfter() async throws {
        let harness = try ServiceHarness {
            // one request per 100 s after a burst of 2: the third is refused however slow the machine
            $0.rateLimit = 0.01
            $0.rateBurst = 2
        }
        try await harness.test { client in
            var statuses = [HTTPResponse.Status]()
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                                        body: ByteBuffer(string: Self.oneRow))
                statuses.append(response.status)
                if response.status == .tooManyRequests {
                    #expect(response.errorCode == "rate_limited")
                    // the next token is ~100 s away
                    #expect((90...100).contains(Int(response.headers[.retryAfter] ?? "") ?? 0))
                }
            }
            #expect(statuses == [.ok, .ok, .tooManyRequests])
            // another key has its own bucket
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.admin,
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    /// A request that cannot finish in 1 ms (10,000 rows explained) gets 503
    /// `timeout`; the service then serves the next request.
    @Test func pastTheTimeLimitIs503() async throws {
        let harness = try ServiceHarness {
            $0.timeoutSeconds = 0.001
        }
        let rows = Array(repeating: "[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0]", count: 10_000).joined(separator: ",")
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict?explain=true", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: "{\"rows\": [\(rows)]}")) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.errorCode == "timeout")
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func withoutKeysEveryoneIsAdmin() async throws {
        let harness = try ServiceHarness(auth: false)
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: Self.oneRow)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/admin/reload", method: .post) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
#endif
