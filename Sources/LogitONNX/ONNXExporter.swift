import Foundation
import Logit
import SwiftProtobuf

/// Exports a ``ModelFile`` as one ONNX graph that takes RAW feature rows, so
/// ONNX Runtime (or any ONNX consumer) predicts exactly as `logit predict`:
///
///     X [N, d] ─▶ (Where(IsNaN) fill) ─▶ scaler ─▶ MatMul Wᵀ ─▶ Add b ─▶ scores [N, k′]
///     scores ─▶ Sigmoid + [1 − p, p]  (binary)  │  Softmax (k > 2) ─▶ probabilities [N, k]
///     scores ─▶ score ≥ 0 (binary)  │  ArgMax ─▶ Gather(classes) ─▶ label [N]
///
/// Inputs and outputs follow skl2onnx's `LogisticRegression` conversion with
/// `zipmap=False`: one input (here `X`, shape [N, d], float32 or float64), and
/// outputs `label` (int64 when every class name is an integer, as scikit-learn's
/// integer classes; string otherwise) and `probabilities` ([N, k], the input's
/// element type).
///
/// Operators come from the default domain at opset ``opsetVersion`` (IR
/// version ``irVersion``); every one has float and double kernels in ONNX
/// Runtime. A float32 graph casts to float64 for the missing-value fill's
/// result to be scaled, as the engine scales in `Double` and rounds to `Float`,
/// so the scaled features are bit-identical to the engine's; the weights,
/// bias and everything after run in float32 as `--precision float` does.
///
/// The model's weights are on the scaled features (the scaler is not folded
/// in) for the same reason: the graph repeats the engine's arithmetic.
public struct ONNXExporter: Sendable {
    /// The `ai.onnx` operator set the graph is written against.
    public static let opsetVersion: Int64 = 15
    /// The ONNX IR version of the file (8 goes with opset 15).
    public static let irVersion: Int64 = 8
    /// The graph's input: raw feature rows [N, d].
    public static let inputName = "X"
    /// The predicted class of each row [N] (int64 or string).
    public static let labelName = "label"
    /// The class probabilities of each row [N, k].
    public static let probabilitiesName = "probabilities"

    /// How the graph's inputs and outputs are laid out.
    public enum Layout: String, Sendable, CaseIterable {
        /// skl2onnx's: input `X` [N, d]; outputs `label` [N] and `probabilities` [N, k].
        case skl2onnx
        /// One input per feature (named after it, [N]) and one output per
        /// class (`p_` + its name, [N]) after `label`: what MLflow's ONNX
        /// pyfunc feeds from and returns as DataFrame columns, with the
        /// column names of `logit predict`'s CSV.
        case columns
    }

    /// The model exported.
    public var model: ModelFile
    /// The input's element type.
    public var inputType: ONNXInputType
    /// The input and output layout.
    public var layout: Layout

    /// An exporter of `model` for `inputType` input, laid out as `layout`.
    public init(model: ModelFile, inputType: ONNXInputType, layout: Layout = .skl2onnx) {
        self.model = model
        self.inputType = inputType
        self.layout = layout
    }

    /// The graph's input names: `X`, or the feature names.
    public var inputNames: [String] { layout == .skl2onnx ? [Self.inputName] : model.featureNames }

    /// The graph's output names: `label` and `probabilities`, or `label` and `p_` + each class.
    public var outputNames: [String] {
        layout == .skl2onnx ? [Self.labelName, Self.probabilitiesName] : [Self.labelName] + model.classNames.map { "p_" + $0 }
    }

    /// Whether the `label` output is int64 (every class name an integer
    /// written in its canonical form, such as `0`, `7`, `-1`) rather than string.
    public var labelsAreIntegers: Bool {
        model.classNames.allSatisfy { name in Int64(name).map { String($0) == name } ?? false }
    }

    /// The serialized ONNX ModelProto.
    ///
    /// - Throws: ``ONNXExportError`` when the model's shapes are inconsistent.
    /// - Complexity: O(k′·d) to write the weights.
    public func serialized() throws(ONNXExportError) -> Data {
        let proto = try modelProto()
        do {
            return try proto.serializedBytes()
        } catch {
            throw ONNXExportError("cannot serialize the ONNX model: \(error)")
        }
    }

    /// Writes the ONNX file to `path` atomically (a temporary file renamed
    /// into place: a reader never sees half a file).
    ///
    /// - Throws: ``ONNXExportError`` naming the path.
    public func write(to path: String) throws(ONNXExportError) {
        let data = try serialized()
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ONNXExportError("\(path): cannot write the ONNX model: \(ModelFile.reason(error))")
        }
    }

    /// The graph as an ONNX ModelProto.
    func modelProto() throws(ONNXExportError) -> Onnx_ModelProto {
        let d = model.featureCount, k = model.classNames.count
        let outputs = model.weights.count
        guard k >= 2, outputs == (k == 2 ? 1 : k), model.bias.count == outputs,
              model.weights.allSatisfy({ $0.count == d }) else {
            throw ONNXExportError("the model's weights (\(model.weights.count) rows) do not fit \(k) classes and \(d) features")
        }
        var graph = ONNXGraphBuilder()
        var features = Self.inputName
        if layout == .columns {
            // each feature column [N] → [N, 1], side by side → X [N, d]
            let column = graph.constant("column_shape", int64s: [-1, 1], dims: [2])
            let columns = model.featureNames.enumerated().map { j, name in
                graph.node("Reshape", [name, column], "column_\(j)")
            }
            features = graph.node("Concat", columns, Self.inputName, attributes: [ONNXGraphBuilder.attribute("axis", int: 1)])
        }

        if let imputer = model.imputer {
            // the engine fills in its own precision: T(fill)
            let fill = graph.constant("imputer_fill", values: imputer.fillValues, dims: [Int64(d)], type: inputType)
            let missing = graph.node("IsNaN", [features], "missing")
            features = graph.node("Where", [missing, fill, features], "imputed")
        }
        if let affine = scalerSteps() {
            // The engine scales in Double and rounds the result to T.
            if inputType == .float {
                features = graph.node("Cast", [features], "features_double",
                                      attributes: [ONNXGraphBuilder.attribute("to", int: Int64(Onnx_TensorProto.DataType.double.rawValue))])
            }
            let first = graph.constant("scaler_\(affine.first.name)", doubles: affine.first.values, dims: [Int64(d)])
            let second = graph.constant("scaler_\(affine.second.name)", doubles: affine.second.values, dims: [Int64(d)])
            features = graph.node(affine.first.op, [features, first], "scaler_step1")
            features = graph.node(affine.second.op, [features, second], "scaled_double")
            if inputType == .float {
                features = graph.node("Cast", [features], "scaled",
                                      attributes: [ONNXGraphBuilder.attribute("to", int: Int64(Onnx_TensorProto.DataType.float.rawValue))])
            }
        }
        // Wᵀ: [d, k′], row-major
        var transposed = [Double](repeating: 0, count: d * outputs)
        for c in 0..<outputs {
            for j in 0..<d { transposed[j * outputs + c] = model.weights[c][j] }
        }
        let weights = graph.constant("coefficients", values: transposed, dims: [Int64(d), Int64(outputs)], type: inputType)
        let bias = graph.constant("intercepts", values: model.bias, dims: [Int64(outputs)], type: inputType)
        let products = graph.node("MatMul", [features, weights], "products")
        let scores = graph.node("Add", [products, bias], "scores")

        let index: String
        if outputs == 1 {
            // [1 − σ(z), σ(z)], and class 1 when z ≥ 0, as LogisticModel does
            let positive = graph.node("Sigmoid", [scores], "positive")
            let one = graph.constant("one", values: [1], dims: [1], type: inputType)
            let negative = graph.node("Sub", [one, positive], "negative")
            graph.node("Concat", [negative, positive], Self.probabilitiesName,
                       attributes: [ONNXGraphBuilder.attribute("axis", int: 1)])
            let zero = graph.constant("zero", values: [0], dims: [1], type: inputType)
            let isPositive = graph.node("GreaterOrEqual", [scores, zero], "is_positive")
            let column = graph.node("Cast", [isPositive], "class_column",
                                    attributes: [ONNXGraphBuilder.attribute("to", int: Int64(Onnx_TensorProto.DataType.int64.rawValue))])
            let flat = graph.constant("flat_shape", int64s: [-1], dims: [1])
            index = graph.node("Reshape", [column, flat], "class_index")
        } else {
            graph.node("Softmax", [scores], Self.probabilitiesName, attributes: [ONNXGraphBuilder.attribute("axis", int: 1)])
            // ties go to the lower index, as LogisticModel.predict
            index = graph.node("ArgMax", [scores], "class_index",
                               attributes: [ONNXGraphBuilder.attribute("axis", int: 1),
                                            ONNXGraphBuilder.attribute("keepdims", int: 0),
                                            ONNXGraphBuilder.attribute("select_last_index", int: 0)])
        }
        let classes: String
        let labelType: Onnx_TensorProto.DataType
        if labelsAreIntegers {
            classes = graph.constant("classes", int64s: model.classNames.map { Int64($0)! }, dims: [Int64(k)])
            labelType = .int64
        } else {
            classes = graph.constant("classes", strings: model.classNames, dims: [Int64(k)])
            labelType = .string
        }
        graph.node("Gather", [classes, index], Self.labelName, attributes: [ONNXGraphBuilder.attribute("axis", int: 0)])
        if layout == .columns {
            for (c, name) in model.classNames.enumerated() {
                let position = graph.constant("class_\(c)", int64s: [Int64(c)], dims: [])
                graph.node("Gather", [Self.probabilitiesName, position], "p_" + name,
                           attributes: [ONNXGraphBuilder.attribute("axis", int: 1)])
            }
        }

        // a feature or class name that is also an internal tensor's name would break the graph
        let tensors = graph.initializers.map(\.name) + graph.nodes.flatMap(\.output)
        let produced = Set(tensors)
        if layout == .columns, let clash = model.featureNames.first(where: produced.contains) {
            throw ONNXExportError("the feature name '\(clash)' is also the name of a tensor inside the graph; rename the feature to export with one input per feature")
        }
        if tensors.count != produced.count {
            throw ONNXExportError("two tensors in the graph have the same name (class names \(model.classNames.joined(separator: ", ")))")
        }

        var graphProto = Onnx_GraphProto()
        graphProto.name = "logit_logistic_regression"
        graphProto.docString = "Logistic regression over \(d) features (\(model.featureNames.joined(separator: ", "))) and \(k) classes (\(model.classNames.joined(separator: ", "))); input X holds raw feature rows."
        graphProto.node = graph.nodes
        graphProto.initializer = graph.initializers
        switch layout {
        case .skl2onnx:
            graphProto.input = [ONNXGraphBuilder.valueInfo(Self.inputName, elementType: inputType.dataType, shape: [nil, Int64(d)])]
            graphProto.output = [
                ONNXGraphBuilder.valueInfo(Self.labelName, elementType: Int32(labelType.rawValue), shape: [nil]),
                ONNXGraphBuilder.valueInfo(Self.probabilitiesName, elementType: inputType.dataType, shape: [nil, Int64(k)]),
            ]
        case .columns:
            graphProto.input = model.featureNames.map {
                ONNXGraphBuilder.valueInfo($0, elementType: inputType.dataType, shape: [nil])
            }
            graphProto.output = [ONNXGraphBuilder.valueInfo(Self.labelName, elementType: Int32(labelType.rawValue), shape: [nil])]
                + model.classNames.map { ONNXGraphBuilder.valueInfo("p_" + $0, elementType: inputType.dataType, shape: [nil]) }
        }

        var proto = Onnx_ModelProto()
        proto.irVersion = Self.irVersion
        var opset = Onnx_OperatorSetIdProto()
        opset.domain = ""
        opset.version = Self.opsetVersion
        proto.opsetImport = [opset]
        proto.producerName = "swift-logit"
        proto.producerVersion = EngineVersion.current
        proto.domain = "ai.swift-logit"
        proto.modelVersion = 1
        proto.docString = "Exported by logit \(EngineVersion.current) from a model trained \(model.createdAt) in \(model.precision) precision."
        proto.metadataProps = [
            ("feature_names", Self.jsonArray(model.featureNames)),
            ("class_names", Self.jsonArray(model.classNames)),
            ("scaler", model.scaler.kind.rawValue),
            ("trained_precision", model.precision),
            ("engine_version", model.engineVersion),
        ].map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        proto.graph = graphProto
        return proto
    }

    /// The scaler as two elementwise steps in Double: (x − mean) / scale for
    /// standardization, x · scale + offset for min–max; nil for none.
    private func scalerSteps() -> (first: (op: String, name: String, values: [Double]),
                                   second: (op: String, name: String, values: [Double]))? {
        switch model.scaler {
        case .none:
            return nil
        case .standard(let s):
            return ((op: "Sub", name: "mean", values: s.mean), (op: "Div", name: "scale", values: s.scale))
        case .minMax(let s):
            return ((op: "Mul", name: "scale", values: s.scale), (op: "Add", name: "offset", values: s.offset))
        }
    }

    /// A JSON array of strings (for the metadata properties).
    private static func jsonArray(_ values: [String]) -> String {
        let data = (try? JSONEncoder().encode(values)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
