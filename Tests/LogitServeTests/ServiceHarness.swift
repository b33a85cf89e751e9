#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Logit
import LogitNumerics
@testable import LogitServe

/// The Raisin model trained once by the library (with its reference sample,
/// as `logit train --output` writes it), and a service over it with a user
/// key and an admin key.
enum RaisinFixture {
    static let trained: Result<Trained, any Error> = Result {
        let data = try Dataset<Double>.raisin()
        let classifier = try LogisticClassifier<Double>(fitting: data, labelColumn: "Class")
        var (_, sample) = try TrainingStatistics.summarize(data: data)
        try sample.fillProbabilities(model: classifier.model, scaler: classifier.scaler)
        return Trained(file: classifier.modelFile, sample: sample, data: data)
    }

    struct Trained: Sendable {
        var file: ModelFile
        var sample: ReferenceSample
        var data: Dataset<Double>
    }

    /// Writes the model (its intercepts shifted by `biasShift`, to make a
    /// different model) and its reference sample into `folder`.
    static func write(into folder: TestFolder, name: String = "model.json", biasShift: Double = 0) throws -> String {
        let trained = try trained.get()
        var file = trained.file
        file.bias = file.bias.map { $0 + biasShift }
        let path = folder.path(name)
        try file.write(to: path, referenceSample: trained.sample)
        return path
    }
}

/// A service over the Raisin fixture with keys `user` and `admin`.
struct ServiceHarness {
    let folder: TestFolder
    let state: ServiceState
    let modelPath: String
    let userKey: String
    let adminKey: String

    /// Writes the model to serve into the test's folder and returns its path.
    struct ModelWriter: Sendable {
        let write: @Sendable (TestFolder) throws -> String
        /// The Raisin fixture.
        static let raisin = ModelWriter { try RaisinFixture.write(into: $0) }
    }

    /// - Parameter model: the model to serve (default: Raisin's).
    init(auth: Bool = true, model: ModelWriter = .raisin,
         configure: (inout ServeConfiguration) -> Void = { _ in }) throws {
        folder = try TestFolder()
        modelPath = try model.write(folder)
        let keys = folder.path("keys.txt")
        userKey = try APIKeyFile.create(name: "user", admin: false, path: keys)
        adminKey = try APIKeyFile.create(name: "admin", admin: true, path: keys)
        var configuration = ServeConfiguration(model: modelPath)
        configuration.trackingDirectory = folder.path("mlruns")
        configuration.apiKeysPath = auth ? keys : nil
        configuration.rateLimit = nil
        configure(&configuration)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        state = try ServiceState(configuration: configuration, logger: logger)
        try state.reload()
    }

    var user: HTTPFields { [.authorization: "Bearer \(userKey)", .contentType: "application/json"] }
    var admin: HTTPFields { [.authorization: "Bearer \(adminKey)", .contentType: "application/json"] }

    func test(_ setup: TestingSetup = .router, _ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = LogitService.makeApplication(state: state)
        try await app.test(setup, body)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
    /// The error code of a JSON error body.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    /// The error message of a JSON error body.
    var errorMessage: String { ((object["error"] as? [String: Any])?["message"] as? String) ?? "" }
}

extension ByteBuffer {
    init(json text: String) { self.init(string: text) }
}
#endif
