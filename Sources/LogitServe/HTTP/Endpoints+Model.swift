#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// `GET /ready` and `GET /v1/model`.
extension Endpoints {
    func ready() throws -> Response {
        guard let model = state.models.current else {
            return Self.json("{\"status\":\"loading\"}", status: .serviceUnavailable)
        }
        return Self.json("{\"status\":\"ready\",\"model_version\":\(JSONText.string(model.version))}")
    }

    /// `GET /v1/model`.
    struct ModelInfo: Encodable {
        var name: String
        var version: String
        var path: String
        var run_id: String?
        var classes: [String]
        var features: [String]
        var label_column: String?
        var precision: String
        var created_at: String
        var engine_version: String
        var training_rows: Int
        var metrics: ModelFile.Metrics?
        var has_reference: Bool
        var loaded_at: String
        var previous_version: String?
        /// For a model trained on images: its preprocessing (`/v1/predict/image` takes files).
        var image: ImagePreprocessing?
    }

    func modelInfo() throws -> Response {
        let model = try state.currentModel()
        let file = model.file
        return try Self.encoded(ModelInfo(
            name: model.name, version: model.version, path: model.reference.path, run_id: model.reference.runID,
            classes: file.classNames, features: file.featureNames, label_column: file.labelColumn,
            precision: file.precision, created_at: file.createdAt, engine_version: file.engineVersion,
            training_rows: file.trainingStatistics.rows, metrics: file.metrics, has_reference: model.monitor != nil,
            loaded_at: ISO8601DateFormatter().string(from: model.loadedAt),
            previous_version: state.models.previous?.version, image: file.imagePreprocessing))
    }
}
#endif
