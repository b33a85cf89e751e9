#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LogitServe

/// Reload, rollback, and a corrupt model that leaves the old one serving.
@Suite struct AdminTests {
    static let oneRow = #"{"rows": [[75166, 406.69, 243.03, 0.80, 78789, 0.68, 1121.8]]}"#

    func version(_ client: some TestClientProtocol, _ harness: ServiceHarness) async throws -> String {
        try await client.execute(uri: "/v1/model", method: .get, headers: harness.user) { response in
            response.object["version"] as? String ?? ""
        }
    }

    func probability(_ client: some TestClientProtocol, _ harness: ServiceHarness) async throws -> (Double, String) {
        try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                 body: ByteBuffer(string: Self.oneRow)) { response in
            let prediction = (response.object["predictions"] as? [[String: Any]])?.first ?? [:]
            return ((prediction["probabilities"] as? [String: Double])?["Kecimen"] ?? .nan,
                    response.object["model_version"] as? String ?? "")
        }
    }

    @Test func reloadRollbackAndCorruptReload() async throws {
        let harness = try ServiceHarness()
        let second = try RaisinFixture.write(into: harness.folder, name: "second.json", biasShift: 1)
        let corrupt = harness.folder.path("corrupt.json")
        try Data("{\"format\": \"logit-model\", \"weights\": [[1, 2".utf8).write(to: URL(fileURLWithPath: corrupt))
        try await harness.test { client in
            let first = try await version(client, harness)
            let (p1, v1) = try await probability(client, harness)
            #expect(v1 == first)
            // reload onto another model: new version, new answers
            try await client.execute(uri: "/admin/reload", method: .post, headers: harness.admin,
                                     body: ByteBuffer(string: "{\"model\": \"\(second)\"}")) { response in
                #expect(response.status == .ok)
                #expect(response.object["previous_version"] as? String == first)
            }
            let secondVersion = try await version(client, harness)
            #expect(secondVersion != first)
            let (p2, v2) = try await probability(client, harness)
            #expect(v2 == secondVersion)
            #expect(p2 > p1)  // the intercepts moved toward Kecimen by 1
            // a corrupt model fails to load; the second keeps serving
            try await client.execute(uri: "/admin/reload", method: .post, headers: harness.admin,
                                     body: ByteBuffer(string: "{\"model\": \"\(corrupt)\"}")) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "reload_failed")
                #expect(response.errorMessage.contains("corrupt.json"))
            }
            try await client.execute(uri: "/admin/reload", method: .post, headers: harness.admin,
                                     body: ByteBuffer(string: "{\"model\": \"\(harness.folder.path("missing.json"))\"}")) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try await version(client, harness) == secondVersion)
            #expect(try await probability(client, harness).0 == p2)
            // rollback returns to the first model, and rolling back again to the second
            try await client.execute(uri: "/admin/rollback", method: .post, headers: harness.admin) { response in
                #expect(response.status == .ok)
                #expect(response.object["model_version"] as? String == first)
            }
            #expect(try await probability(client, harness) == (p1, first))
            // feedback for a prediction made before a rollback (by the model now previous) still counts
            let id = try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                              body: ByteBuffer(string: Self.oneRow)) { response in
                ((response.object["predictions"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
            }
            try await client.execute(uri: "/admin/rollback", method: .post, headers: harness.admin) { response in
                #expect(response.object["model_version"] as? String == secondVersion)
            }
            try await client.execute(uri: "/v1/feedback", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: "{\"feedback\": [{\"id\": \"\(id)\", \"label\": \"Besni\"}]}")) { response in
                #expect(response.object["accepted"] as? Int == 1)
            }
        }
    }

    @Test func rollbackWithoutPreviousIs409() async throws {
        let harness = try ServiceHarness()
        let fresh = try ServiceState(configuration: harness.state.configuration, logger: harness.state.logger)
        try fresh.reload()
        #expect(throws: ServeError.self) { try fresh.rollback() }
    }

    /// A request that took the old model finishes on it, whatever is installed meanwhile.
    @Test func inFlightRequestsKeepTheirModel() throws {
        let harness = try ServiceHarness()
        let taken = try #require(harness.state.models.current)
        try harness.state.reload(model: try RaisinFixture.write(into: harness.folder, name: "b.json", biasShift: 2))
        #expect(harness.state.models.current !== taken)
        #expect(harness.state.models.previous === taken)
    }
}
#endif
