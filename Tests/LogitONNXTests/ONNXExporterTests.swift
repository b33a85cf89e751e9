import Foundation
import Logit
@testable import LogitONNX
import SwiftProtobuf
import Testing

/// The structure of exported graphs, read back from their serialized bytes.
/// (Their numbers are checked against ONNX Runtime by scripts/check_onnx.sh.)
@Suite("ONNX export")
struct ONNXExporterTests {
    /// A model file over `d` features and the classes `classes`, with a
    /// standard scaler fitted on a small made-up matrix and optional imputer.
    static func modelFile(classes: [String], features d: Int = 3, minMax: Bool = false,
                          impute: Bool = false) throws -> ModelFile {
        let n = 8
        let values = (0..<(n * d)).map { Double(($0 * 7) % 11) + Double($0 % d) }
        let x = try Matrix<Double>(rows: n, columns: d, elements: values)
        let labels = (0..<n).map { $0 % classes.count }
        let data = try Dataset<Double>(features: x, labels: labels, featureNames: (0..<d).map { "f\($0)" },
                                       classNames: classes)
        let outputs = classes.count == 2 ? 1 : classes.count
        let weights = try Matrix<Double>(rows: outputs, columns: d,
                                         elements: (0..<(outputs * d)).map { Double($0) / 10 - 0.3 })
        let model = try LogisticModel(weights: weights, bias: (0..<outputs).map { Double($0) / 4 },
                                      classNames: classes, featureNames: data.featureNames)
        let training = ModelFile.Training(
            configuration: TrainingConfiguration(solver: .lbfgs), backend: "swift", threads: nil, standardized: true,
            dataSource: "test", rows: n, iterations: 1, converged: true, stopReason: .gradientTolerance,
            finalObjective: 0.5, gradientNorm: 0, seconds: 0)
        let imputer = impute ? try MissingValueImputer.fit(x, strategy: .mean) : nil
        return ModelFile(model: model, scaler: try FeatureScaler.fit(minMax ? .minMax : .standard, to: x),
                         training: training, metrics: nil, trainingStatistics: try TrainingStatistics(data: data),
                         imputer: imputer)
    }

    static func decoded(_ exporter: ONNXExporter) throws -> Onnx_ModelProto {
        try Onnx_ModelProto(serializedBytes: try exporter.serialized())
    }

    @Test func binaryGraphFromRawFeaturesToLabelAndProbabilities() throws {
        let proto = try Self.decoded(ONNXExporter(model: try Self.modelFile(classes: ["Besni", "Kecimen"]), inputType: .double))
        #expect(proto.irVersion == 8)
        #expect(proto.opsetImport.map(\.version) == [15])
        let graph = proto.graph
        #expect(graph.node.map(\.opType) == ["Sub", "Div", "MatMul", "Add", "Sigmoid", "Sub", "Concat",
                                             "GreaterOrEqual", "Cast", "Reshape", "Gather"])
        #expect(graph.input.map(\.name) == ["X"])
        #expect(graph.output.map(\.name) == ["label", "probabilities"])
        // X: [N, 3] double; label: string (the class names are not integers); probabilities: [N, 2] double
        let input = graph.input[0].type.tensorType
        #expect(input.elemType == 11)
        #expect(input.shape.dim.map(\.dimParam) == ["N", ""])
        #expect(input.shape.dim.map(\.dimValue) == [0, 3])
        #expect(graph.output[0].type.tensorType.elemType == 8)
        #expect(graph.output[1].type.tensorType.elemType == 11)
        #expect(graph.output[1].type.tensorType.shape.dim.map(\.dimValue) == [0, 2])
        let classes = try #require(graph.initializer.first { $0.name == "classes" })
        #expect(classes.stringData.map { String(decoding: $0, as: UTF8.self) } == ["Besni", "Kecimen"])
        // every node input is the graph input, an initializer or an earlier node's output
        var known = Set(graph.input.map(\.name) + graph.initializer.map(\.name))
        for node in graph.node {
            for name in node.input { #expect(known.contains(name), "node \(node.name) reads undefined \(name)") }
            known.formUnion(node.output)
        }
        #expect(known.isSuperset(of: ["label", "probabilities"]))
    }

    @Test func floatMultinomialGraphScalesInDoubleAndLabelsAreInt64() throws {
        let file = try Self.modelFile(classes: ["0", "1", "2"], minMax: true, impute: true)
        let proto = try Self.decoded(ONNXExporter(model: file, inputType: .float))
        let graph = proto.graph
        #expect(graph.node.map(\.opType) == ["IsNaN", "Where", "Cast", "Mul", "Add", "Cast", "MatMul", "Add",
                                             "Softmax", "ArgMax", "Gather"])
        #expect(graph.input[0].type.tensorType.elemType == 1)
        #expect(graph.output[0].type.tensorType.elemType == 7)
        #expect(graph.output[1].type.tensorType.elemType == 1)
        let classes = try #require(graph.initializer.first { $0.name == "classes" })
        #expect(classes.int64Data == [0, 1, 2])
        // Wᵀ is [d, k] = [3, 3] float, laid out row-major: element [j, c] = W[c][j]
        let coefficients = try #require(graph.initializer.first { $0.name == "coefficients" })
        #expect(coefficients.dims == [3, 3])
        #expect(coefficients.floatData.count == 9)
        #expect(coefficients.floatData[1] == Float(file.weights[1][0]))
        #expect(coefficients.floatData[3] == Float(file.weights[0][1]))
        let softmax = try #require(graph.node.first { $0.opType == "Softmax" })
        #expect(softmax.attribute.map(\.name) == ["axis"])
        #expect(softmax.attribute.first?.i == 1)
    }

    @Test func labelsAreIntegersOnlyInCanonicalForm() throws {
        #expect(ONNXExporter(model: try Self.modelFile(classes: ["-1", "1"]), inputType: .float).labelsAreIntegers)
        #expect(!ONNXExporter(model: try Self.modelFile(classes: ["01", "1"]), inputType: .float).labelsAreIntegers)
        #expect(!ONNXExporter(model: try Self.modelFile(classes: ["a", "1"]), inputType: .float).labelsAreIntegers)
    }

    @Test func writeIsAtomicAndNamesAnUnwritablePath() throws {
        let exporter = ONNXExporter(model: try Self.modelFile(classes: ["a", "b"]), inputType: .double)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try exporter.write(to: folder + "/m.onnx")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/m.onnx")) == (try exporter.serialized()))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["m.onnx"])
        let error = #expect(throws: ONNXExportError.self) { try exporter.write(to: folder + "/missing/m.onnx") }
        #expect(error?.message.contains(folder + "/missing/m.onnx") == true)
    }

    @Test func columnsLayoutHasOneInputPerFeatureAndOneOutputPerClass() throws {
        let file = try Self.modelFile(classes: ["a", "b", "c"])
        let exporter = ONNXExporter(model: file, inputType: .double, layout: .columns)
        let graph = try Self.decoded(exporter).graph
        #expect(graph.input.map(\.name) == ["f0", "f1", "f2"])
        #expect(graph.input.map { $0.type.tensorType.shape.dim.count } == [1, 1, 1])
        #expect(graph.output.map(\.name) == ["label", "p_a", "p_b", "p_c"])
        #expect(Array(graph.node.map(\.opType).prefix(4)) == ["Reshape", "Reshape", "Reshape", "Concat"])
        #expect(graph.node.suffix(3).map(\.opType) == ["Gather", "Gather", "Gather"])
    }

    @Test func columnsLayoutRefusesAFeatureNamedLikeAnInternalTensor() throws {
        var file = try Self.modelFile(classes: ["a", "b"])
        file.featureNames[1] = "scores"
        let error = #expect(throws: ONNXExportError.self) {
            try ONNXExporter(model: file, inputType: .double, layout: .columns).serialized()
        }
        #expect(error?.message.contains("'scores'") == true)
    }

    @Test func mlflowModelFolderDeclaresOnnxAndPyfuncFlavors() throws {
        let file = try Self.modelFile(classes: ["0", "1"])
        let files = try MLflowModelFolder.files(model: file, modelFileData: Data("{}".utf8), card: "# card")
        #expect(files.keys.sorted() == ["MLmodel", "card.md", "model.json", "model.onnx"])
        let text = String(decoding: try #require(files["MLmodel"]), as: UTF8.self)
        #expect(text.contains("loader_module: mlflow.onnx"))
        #expect(text.contains("data: model.onnx"))
        #expect(text.contains(#"{"type": "double", "name": "f0", "required": true}"#))
        #expect(text.contains(#"{"type": "long", "name": "label", "required": true}"#))
        let graph = try Onnx_ModelProto(serializedBytes: try #require(files["model.onnx"])).graph
        #expect(graph.output.map(\.name) == ["label", "p_0", "p_1"])
    }
}
