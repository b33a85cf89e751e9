import Foundation
import Logit
import Testing

/// The optional image preprocessing of a model file (issue 15).
@Suite("Model file image preprocessing")
struct ModelFileImagePreprocessingTests {
    /// Files without the field (all older ones) load with nil; a file with it
    /// round-trips; a size that does not give the model's feature count is
    /// refused naming both.
    @Test func optionalFieldRoundTripsAndIsChecked() throws {
        var (file, _, _) = try ModelFileTests.trained(Double.self)
        let plain = try file.encoded()
        #expect(!String(decoding: plain, as: UTF8.self).contains("imagePreprocessing"))
        #expect(try ModelFile.decode(plain, file: "old.json").imagePreprocessing == nil)

        // Raisin has 7 features: a 7×1 grey image gives 7.
        file.imagePreprocessing = ImagePreprocessing(width: 7, height: 1, color: .gray)
        let decoded = try ModelFile.decode(try file.encoded(), file: "image.json")
        #expect(decoded.imagePreprocessing == ImagePreprocessing(width: 7, height: 1, color: .gray))
        #expect(decoded.imagePreprocessing?.key == "7x1-gray-area-shrink-bilinear-grow")

        file.imagePreprocessing = ImagePreprocessing(width: 2, height: 2, color: .rgb)
        do {
            _ = try ModelFile.decode(try file.encoded(), file: "bad.json")
            Issue.record("a 2×2 rgb preprocessing (12 features) was accepted for 7 features")
        } catch {
            #expect(error.description.contains("bad.json"))
            #expect(error.description.contains("gives 12 features but the model has 7"))
        }
    }

    @Test func sizesParse() throws {
        #expect(try ImagePreprocessing.parseSize("28x28") == (28, 28))
        #expect(try ImagePreprocessing.parseSize("32X16") == (32, 16))
        #expect(try ImagePreprocessing.parseSize("10") == (10, 10))
        for bad in ["", "x", "0x5", "28x", "5x5x5", "-3x3", "5000x5000"] {
            #expect(throws: DataError.self) { try ImagePreprocessing.parseSize(bad) }
        }
        #expect(ImagePreprocessing(width: 4, height: 3, color: .rgb).featureCount == 36)
    }
}
