import Logit
import LogitNumerics
import Testing

@Suite("Raisin data set")
struct RaisinDatasetTests {
    /// The first data row of the CSV is Kecimen (class 1); its values are short
    /// decimals, so each element equals the literal's rounding in either precision.
    @Test func loadsTheEmbeddedCSV() throws {
        let data = try Dataset<Double>.raisin()
        #expect(data.count == 900 && data.featureCount == 7)
        #expect(data.featureNames == RaisinDataset.featureNames)
        #expect(data.classNames == ["Besni", "Kecimen"] && data.classNames == RaisinDataset.classNames)
        #expect(data.classCounts == [450, 450])
        #expect(data.labels.prefix(450).allSatisfy { $0 == 1 } && data.labels.suffix(450).allSatisfy { $0 == 0 })
        #expect(data.features.row(0) == [87524, 442.2460114, 253.291155, 0.819738392, 90546, 0.758650579, 1184.04])

        let float = try Dataset<Float>.raisin()
        #expect(float.features.row(0) == [87524, 442.2460114, 253.291155, 0.819738392, 90546, 0.758650579, 1184.04])
        #expect(float.labels == data.labels)
    }

    /// Sanity of the file's documented invariants: ConvexArea ≥ Area and
    /// MajorAxisLength ≥ MinorAxisLength on every row.
    @Test func documentedInvariantsHold() throws {
        let x = try Dataset<Double>.raisin().features
        for i in 0..<x.rows {
            #expect(x[i, 4] >= x[i, 0] && x[i, 1] >= x[i, 2], "row \(i)")
        }
    }
}
