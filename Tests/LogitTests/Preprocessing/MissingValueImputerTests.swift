import Foundation
import Logit
import Testing

/// Missing values (issue 11): a located error by default; with
/// `.markAsNaN` and a ``MissingValueImputer``, filled with the training rows'
/// mean or median, stored in the model file and reused at prediction time.
/// The data are hand-written and every expected value is exact.
@Suite("Missing values: CSV markers, imputer, classifier, model file")
struct MissingValueImputerTests {
    let csv = """
        a,b,label
        1,10,x
        NA,20,y
        3,,x
        NaN,40,y
        5,n/a,x
        """

    @Test("missing cells are a located error by default, NaN when asked")
    func loaderMarksMissing() throws {
        let error = #expect(throws: DataError.self) { try CSVLoader().load(csv: csv, as: Double.self) }
        #expect(error?.line == 3 && error?.column == 1, "\(String(describing: error))")
        var loader = CSVLoader()
        loader.missingValues = .markAsNaN
        let data = try loader.load(csv: csv, as: Double.self)
        let e = data.features.elements
        #expect(e[0] == 1 && e[1] == 10 && e[2].isNaN && e[5].isNaN && e[6].isNaN && e[9].isNaN && e[8] == 5)
        // an infinity is not a missing value
        let infinite = #expect(throws: DataError.self) { try loader.load(csv: "a,label\n1,x\ninf,y\n", as: Double.self) }
        #expect(infinite?.line == 3)
    }

    @Test("mean and median of the present values; transform fills only NaN")
    func fitAndTransform() throws {
        var loader = CSVLoader()
        loader.missingValues = .markAsNaN
        let data = try loader.load(csv: csv, as: Double.self)
        let mean = try MissingValueImputer.fit(data.features, strategy: .mean)
        #expect(mean.fillValues == [3, 70.0 / 3])      // (1+3+5)/3, (10+20+40)/3
        #expect(mean.missingCounts == [2, 2])
        let median = try MissingValueImputer.fit(data.features, strategy: .median)
        #expect(median.fillValues == [3, 20])          // middle of 1,3,5 and of 10,20,40
        let filled = try median.transform(data.features)
        #expect(filled.elements == [1, 10, 3, 20, 3, 20, 3, 40, 5, 20])
        let float = try MissingValueImputer.fit(data.converted(to: Float.self).features, strategy: .median)
        #expect(float == median)
        let empty = try Matrix<Double>([[1, .nan], [2, .nan]])
        let none = #expect(throws: DataError.self) { try MissingValueImputer.fit(empty, strategy: .mean, featureNames: ["a", "b"]) }
        #expect(none?.message.contains("'b' has no value") == true && none?.column == 2)
    }

    @Test("a classifier fitted with imputation stores it and predicts rows with missing values")
    func classifierAndModelFile() throws {
        var raisin = try Dataset<Double>.raisin()
        // blank a few cells of the training data
        raisin.features.withUnsafeMutableBufferPointer { x in
            for i in stride(from: 0, to: 900, by: 50) { x[i * 7 + (i / 50) % 7] = .nan }
        }
        #expect(throws: DataError.self) {
            try LogisticClassifier<Double>(fitting: raisin, configuration: TrainingConfiguration(solver: .newton), backend: .swift)
        }
        let classifier = try LogisticClassifier<Double>(fitting: raisin, configuration: TrainingConfiguration(solver: .newton),
                                                        imputation: .median, backend: .swift)
        let imputer = try #require(classifier.imputer)
        #expect(imputer.missingCounts.reduce(0, +) == 18)
        // a row with a missing Area predicts as the same row with the stored median
        var row = raisin.features.row(1)
        row[0] = .nan
        var filled = row
        filled[0] = imputer.fillValues[0]
        #expect(try classifier.predictProbabilities(row) == classifier.predictProbabilities(filled))
        // the model file carries it; without it a NaN is an error
        let scratch = ScratchDirectory()
        try classifier.save(to: scratch.file("m.json"))
        let reloaded = try LogisticClassifier<Double>(contentsOf: scratch.file("m.json"))
        #expect(reloaded.imputer == imputer)
        #expect(try reloaded.predictProbabilities(row) == classifier.predictProbabilities(row))
        let plain = try LogisticClassifier<Double>(fitting: try Dataset<Double>.raisin(),
                                                   configuration: TrainingConfiguration(solver: .newton), backend: .swift)
        #expect(plain.modelFile.imputer == nil)
        let text = try String(decoding: plain.modelFile.encoded(), as: UTF8.self)
        #expect(!text.contains("imputer"))   // older readers see the same fields as before
        let missing = #expect(throws: DataError.self) { try plain.predict(row) }
        #expect(missing?.message.contains("missing (NaN)") == true)
    }
}
