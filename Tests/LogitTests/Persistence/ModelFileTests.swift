import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Model files")
struct ModelFileTests {
    /// A model trained on standardized Raisin rows, as a model file.
    static func trained<T: LogitScalar>(_: T.Type, backend: BackendKind = .preferred) throws -> (ModelFile, LogisticModel<T>, Dataset<T>) {
        var data = try Dataset<T>.raisin()
        let statistics = try TrainingStatistics(data: data)
        let scaler = try FeatureScaler.fit(.standard, to: data.features)
        data.features = try scaler.transform(data.features)
        let configuration = TrainingConfiguration(solver: .lbfgs, l2: 0.01)
        let result = try LogisticRegression<T>(configuration: configuration, backend: backend).fit(data)
        let training = ModelFile.Training(
            configuration: configuration, backend: backend.rawValue, threads: nil, standardized: true, dataSource: "raisin",
            rows: data.count, iterations: result.iterations, converged: result.converged, stopReason: result.stopReason,
            finalObjective: result.finalObjective, gradientNorm: result.gradientNorm, seconds: 0.01)
        let scores = ModelFile.Scores(rows: data.count, accuracy: 0.87, logLoss: 0.35, objective: result.finalObjective)
        let file = ModelFile(model: result.model, scaler: scaler, labelColumn: "Class", training: training,
                             metrics: ModelFile.Metrics(train: scores, test: nil), trainingStatistics: statistics)
        return (file, result.model, data)
    }

    /// Writing and reading gives back the same file, and the same predictions
    /// bit for bit (weights are stored as shortest round-trip decimals).
    @Test func roundTrip() throws {
        let scratch = ScratchDirectory()
        let (file, model, data) = try Self.trained(Double.self)
        let path = scratch.file("model.json")
        try file.write(to: path)
        let read = try ModelFile.read(from: path)
        #expect(read == file)
        #expect(read.format == "logit-model" && read.formatVersion == 1 && read.engineVersion == EngineVersion.current)
        #expect(read.precision == "double" && read.classNames == ["Besni", "Kecimen"] && read.featureCount == 7)
        #expect(read.trainingStatistics.rows == 900 && read.scaler.kind == .standard)
        let loaded = try read.model(as: Double.self)
        #expect(loaded.weights == model.weights && loaded.bias == model.bias)
        #expect(try loaded.predictProbabilities(data.features) == model.predictProbabilities(data.features))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(text.contains("\"createdAt\""))
        #expect(text.contains("\"quantileLevels\""))
    }

    /// A Float model read as Double has exactly its weights (Float → Double is
    /// exact); a Double model read as Float has them rounded to nearest, so
    /// probabilities agree within 1e-5 (u_F ≈ 6e-8 per weight, 7 features,
    /// |z| ≲ 10 on standardized Raisin).
    @Test(arguments: BackendKind.available)
    func eitherPrecisionLoadsInTheOther(backend: BackendKind) throws {
        let (floatFile, floatModel, floatData) = try Self.trained(Float.self, backend: backend)
        let floatAsDouble = try ModelFile.decode(try floatFile.encoded(), file: "f.json").model(as: Double.self)
        #expect(floatAsDouble.weights.elements == floatModel.weights.elements.map { Double($0) })
        #expect(floatAsDouble.bias == floatModel.bias.map { Double($0) })

        let (doubleFile, doubleModel, doubleData) = try Self.trained(Double.self, backend: backend)
        let doubleAsFloat = try ModelFile.decode(try doubleFile.encoded(), file: "d.json").model(as: Float.self)
        let p = try doubleAsFloat.predictProbabilities(floatData.features)
        let q = try doubleModel.predictProbabilities(doubleData.features)
        for i in 0..<p.rows { #expect(abs(Double(p[i, 1]) - q[i, 1]) <= 1e-5) }
    }

    @Test func newerFormatVersionsAreRefusedWithBothVersions() throws {
        let (file, _, _) = try Self.trained(Double.self)
        var json = try JSONSerialization.jsonObject(with: try file.encoded()) as! [String: Any]
        json["formatVersion"] = 2
        json["engineVersion"] = "9.9.9"
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: ModelFileError("model format version 2 (written by engine 9.9.9) is not supported: engine \(EngineVersion.current) reads format version 1",
                                       file: "new.json")) {
            try ModelFile.decode(data, file: "new.json")
        }
    }

    @Test func malformedFilesNameTheProblem() throws {
        func message(_ text: String) -> String {
            do {
                _ = try ModelFile.decode(Data(text.utf8), file: "m.json")
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(message("hello").hasPrefix("m.json: not a logit model file: "))
        #expect(message(#"{"format": "other", "formatVersion": 1}"#)
            == "m.json: not a logit model file: format is 'other', expected 'logit-model'")
        #expect(message(#"{"format": "logit-model"}"#) == "m.json: the model file has no formatVersion")
        #expect(message(#"{"format": "logit-model", "formatVersion": 1}"#).hasPrefix("m.json: invalid model file: missing field"))

        let (file, _, _) = try Self.trained(Double.self)
        var json = try JSONSerialization.jsonObject(with: try file.encoded()) as! [String: Any]
        json["weights"] = [[1.0, 2.0]]
        #expect(message(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
            == "m.json: invalid model: weight row 0 has 2 values for 7 feature names")
        json["weights"] = [[Double](repeating: 0, count: 7), [Double](repeating: 0, count: 7)]
        #expect(message(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
            == "m.json: invalid model: 2 classes need 1 weight row, the file has 2")
        json["weights"] = "nope"
        #expect(message(String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self))
            .hasPrefix("m.json: invalid model file: wrong type at 'weights': "))
    }

    @Test func featureCountAndMissingFilesAreClearErrors() throws {
        let (file, _, _) = try Self.trained(Double.self)
        #expect(throws: ModelFileError("the model has 7 features (Area, MajorAxisLength, MinorAxisLength, Eccentricity, ConvexArea, Extent, Perimeter) but new.csv has 8")) {
            try file.checkFeatureCount(8, source: "new.csv")
        }
        try file.checkFeatureCount(7, source: "ok.csv")
        #expect(throws: ModelFileError("cannot read the model file: no such file", file: "/nonexistent/m.json")) {
            try ModelFile.read(from: "/nonexistent/m.json")
        }
        #expect(throws: ModelFileError.self) { try file.write(to: "/nonexistent/folder/m.json") }
    }
}

@Suite("Model file convenience")
struct ModelFileConvenienceTests {
    /// The two-line save of the README: the record mirrors the trainer and the
    /// result, and the model read back predicts exactly what was saved.
    @Test func savesATrainedModelInOneCall() throws {
        let data = try Dataset<Double>.raisin()
        let scaler = try FeatureScaler.fit(.standard, to: data.features)
        var scaled = data
        scaled.features = try scaler.transform(data.features)
        let trainer = LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .newton), backend: .swift, threads: 1)
        let result = try trainer.fit(scaled)
        let file = try ModelFile(result, trainer: trainer, scaler: scaler, trainingData: data)
        #expect(file.training.configuration == trainer.configuration && file.training.backend == "swift")
        #expect(file.training.iterations == result.iterations && file.training.converged == result.converged)
        #expect(file.training.rows == 900 && file.training.standardized)
        let decoded = try ModelFile.decode(try file.encoded(), file: "memory")
        let reloaded = try decoded.model(as: Double.self)
        #expect(try reloaded.predict(scaled.features) == (try result.model.predict(scaled.features)))
    }
}
