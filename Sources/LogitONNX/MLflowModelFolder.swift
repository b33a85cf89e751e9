import Foundation
import Logit

/// The files of an MLflow model folder for a model file, so MLflow's own
/// tools load what logit logs and registers:
///
///     MLmodel       flavors onnx + python_function (loader_module mlflow.onnx), signature
///     model.onnx    the graph in the `columns` layout: one input per feature, outputs
///                   `label` and `p_<class>` (the columns of `logit predict`'s CSV)
///     model.json    the logit model file
///     card.md       the model card
///
/// `mlflow.pyfunc.load_model(uri).predict(df)` with a DataFrame of the
/// feature columns returns a DataFrame with columns `label` and `p_<class>`.
/// The signature declares every input column as `double` (MLflow's ONNX
/// wrapper casts float64 columns to a float32 graph's inputs itself).
public enum MLflowModelFolder {
    /// The ONNX file's name in the folder.
    public static let onnxFileName = "model.onnx"
    /// The card's name in the folder.
    public static let cardFileName = "card.md"

    /// The files (name → bytes) for `model`, whose model file's bytes are
    /// `modelFileData`, with the card text `card`.
    ///
    /// - Throws: ``ONNXExportError`` when the model cannot be exported.
    public static func files(model: ModelFile, modelFileData: Data, card: String,
                             createdAt: Date = Date()) throws(ONNXExportError) -> [String: Data] {
        let type: ONNXInputType = model.precision == "float" ? .float : .double
        let exporter = ONNXExporter(model: model, inputType: type, layout: .columns)
        let onnx = try exporter.serialized()
        return [
            "MLmodel": Data(mlmodel(model: model, exporter: exporter, createdAt: createdAt).utf8),
            onnxFileName: onnx,
            ModelRegistry.modelFileName: modelFileData,
            cardFileName: Data(card.utf8),
        ]
    }

    /// The `MLmodel` YAML.
    static func mlmodel(model: ModelFile, exporter: ONNXExporter, createdAt: Date) -> String {
        let labelType = exporter.labelsAreIntegers ? "long" : "string"
        let probabilityType = exporter.inputType == .float ? "float" : "double"
        let inputs = model.featureNames.map { #"{"type": "double", "name": \#(json($0)), "required": true}"# }
        let outputs = [#"{"type": "\#(labelType)", "name": "label", "required": true}"#]
            + model.classNames.map { #"{"type": "\#(probabilityType)", "name": \#(json("p_" + $0)), "required": true}"# }
        let time = createdAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        return """
        artifact_path: model
        flavors:
          onnx:
            code: null
            data: \(onnxFileName)
            onnx_version: 1.23.2
            providers:
            - CPUExecutionProvider
          python_function:
            data: \(onnxFileName)
            env: null
            loader_module: mlflow.onnx
            python_version: 3.11.0
        logit:
          engine_version: '\(EngineVersion.current)'
          model_file: \(ModelRegistry.modelFileName)
          card: \(cardFileName)
        model_uuid: \(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        signature:
          inputs: '[\(inputs.joined(separator: ", ").replacingOccurrences(of: "'", with: "''"))]'
          outputs: '[\(outputs.joined(separator: ", ").replacingOccurrences(of: "'", with: "''"))]'
          params: null
        utc_time_created: '\(time)'

        """
    }

    private static func json(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }
}
