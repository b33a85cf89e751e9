import Foundation
import Testing

/// `--images`: train, evaluate and predict on image folders (issue 15).
@Suite("logit --images")
struct ImageCommandTests {
    /// The Pillow-written fixtures of Tests/LogitImagesTests/Fixtures.
    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LogitImagesTests/Fixtures").path
    }

    /// A two-class folder `images/` in a new workspace: PNG and BMP files in
    /// `lossless`, JPEG and GIF files in `other`; plus `bad` files when asked.
    static func workspace(bad: [String] = []) throws -> Workspace {
        let workspace = Workspace()
        let good = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/good").sorted()
        for name in good {
            let label = name.hasPrefix("png") || name.hasPrefix("bmp") ? "lossless" : "other"
            try FileManager.default.createDirectory(atPath: workspace.file("images/\(label)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: fixtures + "/good/" + name, toPath: workspace.file("images/\(label)/\(name)"))
        }
        for name in bad {
            try FileManager.default.copyItem(atPath: fixtures + "/bad/" + name, toPath: workspace.file("images/other/\(name)"))
        }
        return workspace
    }

    @Test func trainThenPredictFolderAndFiles() throws {
        let workspace = try Self.workspace()
        let train = try workspace.logit("train", "--images", "images", "--image-size", "8x8", "--color", "rgb",
                                        "--test-fraction", "0", "--no-cache", "--output", "m.json", "--quiet")
        #expect(train.status == 0, "\(train)")
        #expect(train.stderr.contains("images:  29 of 29 files from images"))
        let model = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("m.json")))) as? [String: Any])
        let preprocessing = try #require(model["imagePreprocessing"] as? [String: Any])
        #expect(preprocessing["width"] as? Int == 8 && preprocessing["height"] as? Int == 8)
        #expect(preprocessing["color"] as? String == "rgb")
        #expect((model["featureNames"] as? [String])?.count == 192)

        let predict = try workspace.logit("predict", "--model", "m.json", "--images", "images", "--json")
        #expect(predict.status == 0, "\(predict)")
        let lines = predict.stdout.split(separator: "\n")
        #expect(lines.count == 29)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require(object["path"] as? String)
            #expect(path.hasPrefix("images/"))
            let probabilities = try #require(object["probabilities"] as? [String: Double])
            // Rounded to 6 decimals each: the sum is 1 within 2e-6.
            #expect(abs(probabilities.values.reduce(0, +) - 1) <= 2e-6)
            #expect(["lossless", "other"].contains(object["predicted"] as? String))
        }
        let single = try workspace.logit("predict", "--model", "m.json", "images/other/jpeg_gray.jpg")
        #expect(single.status == 0, "\(single)")
        #expect(single.stdout.hasPrefix("path,predicted,p_lossless,p_other\nimages/other/jpeg_gray.jpg,"))

        let explain = try workspace.logit("explain", "--model", "m.json", "--images", "images/other", "--row", "2", "--top", "3")
        #expect(explain.status == 0, "\(explain)")
        #expect(explain.stdout.contains("row 2 of images/other/gif_interlaced.gif: predicted"))
        // monitor needs the reference sample written beside the model by --output.
        let monitor = try workspace.logit("monitor", "--model", "m.json", "--images", "images", "--json")
        #expect([0, 3].contains(monitor.status), "\(monitor)")
        #expect(monitor.stderr.contains("images:  29 of 29 files from images"))

        let evaluate = try workspace.logit("evaluate", "--model", "m.json", "--images", "images")
        #expect(evaluate.status == 0, "\(evaluate)")
        #expect(evaluate.stdout.contains("29 rows"))
    }

    @Test func badFilesAreListedOrSkipped() throws {
        let workspace = try Self.workspace(bad: ["tiny_5x5.png", "text.png", "bomb_50000x50000.png"])
        let refused = try workspace.logit("train", "--images", "images", "--no-cache", "--quiet")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.hasNoStackTrace)
        #expect(refused.stderr.contains("images/other/tiny_5x5.png: 5×5 pixels, below the 10×10 minimum"))
        #expect(refused.stderr.contains("images/other/bomb_50000x50000.png: 50000×50000 pixels, above the 5000×5000 maximum"))
        #expect(refused.stderr.contains("images/other/text.png: not a PNG, JPEG, GIF or BMP file"))
        #expect(refused.stderr.contains("3 of 32 image files in images cannot be used"))
        let skipped = try workspace.logit("train", "--images", "images", "--no-cache", "--skip-invalid", "--quiet")
        #expect(skipped.status == 0, "\(skipped)")
        #expect(skipped.stderr.contains("warning: skipped images/other/tiny_5x5.png: 5×5 pixels, below the 10×10 minimum"))
        #expect(skipped.stderr.contains("29 of 32 files from images"))
        #expect(skipped.stderr.contains("3 skipped"))
    }

    @Test func secondRunHitsTheCache() throws {
        let workspace = try Self.workspace()
        let first = try workspace.logit("train", "--images", "images", "--cache-dir", "cache", "--quiet")
        #expect(first.status == 0, "\(first)")
        #expect(first.stderr.contains("0 hits, 29 misses (hit rate 0%)"))
        let second = try workspace.logit("train", "--images", "images", "--cache-dir", "cache", "--quiet")
        #expect(second.stderr.contains("29 hits, 0 misses (hit rate 100%)"))
        // The same rows, so the same model and scores.
        func scores(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("fit:") } }
        #expect(scores(first.stdout) == scores(second.stdout))
    }

    /// Augmentation adds seeded copies of the training images only, and needs a separate test folder.
    @Test func augmentationAndCrossValidation() throws {
        let workspace = try Self.workspace()
        let refused = try workspace.logit("train", "--images", "images", "--augment-copies", "2")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--augment-copies needs --images DIR and a separate --test DIR"))
        let augmented = try workspace.logit("train", "--images", "images", "--test", "images", "--image-size", "12x12",
                                            "--augment-copies", "2", "--augment-flip", "--augment-shift", "1", "--no-cache",
                                            "--quiet")
        #expect(augmented.status == 0, "\(augmented)")
        #expect(augmented.stderr.contains("augment: 2 copies of each of 29 images (seed 0): 87 training rows"))
        #expect(augmented.stdout.contains("train on all 87 rows, test on images (29 rows)"))
        let cv = try workspace.logit("cv", "--images", "images", "--image-size", "12x12", "--folds", "3", "--no-cache")
        #expect(cv.status == 0, "\(cv)")
        #expect(cv.stdout.contains("29 rows; 3 stratified folds"))
        // logit tune --output writes the image preprocessing too: its model predicts images.
        let tune = try workspace.logit("tune", "--images", "images", "--image-size", "12x12", "--folds", "3", "--no-cache",
                                       "--output", "tuned.json")
        #expect(tune.status == 0, "\(tune)")
        let predict = try workspace.logit("predict", "--model", "tuned.json", "images/other/jpeg_gray.jpg")
        #expect(predict.status == 0, "\(predict)")
        #expect(predict.stdout.hasPrefix("path,predicted,p_lossless,p_other\n"))
    }

    @Test func usageErrors() throws {
        let workspace = try Self.workspace()
        let both = try workspace.logit("train", "--images", "images", "--data", CLI.raisinCSV)
        #expect(both.status == 2)
        #expect(both.stderr.contains("not both"))
        let size = try workspace.logit("train", "--images", "images", "--image-size", "28y")
        #expect(size.status == 2)
        #expect(size.stderr.contains("--image-size 28y"))
        let color = try workspace.logit("train", "--data", CLI.raisinCSV, "--color", "rgb")
        #expect(color.status == 2)
        let tabular = try workspace.logit("train", "--output", "raisin.json", "--quiet")
        #expect(tabular.status == 0)
        let wrongModel = try workspace.logit("predict", "--model", "raisin.json", "images/other/jpeg_gray.jpg")
        #expect(wrongModel.status == 1)
        #expect(wrongModel.stderr.contains("not trained on images"))
        let idColumn = try workspace.logit("predict", "--model", "raisin.json", "--id-column", "id", "images/other/jpeg_gray.jpg")
        #expect(idColumn.status == 2)
        #expect(idColumn.stderr.contains("image predictions are keyed by path"))
        let missing = try workspace.logit("train", "--images", "nowhere")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nowhere: no such folder"))
    }

    /// scikit-learn's digits as PNG and JPEG folders (32×32, written by
    /// scripts/reference/make_digits_images.py; scripts/test.sh sets
    /// LOGIT_DIGITS_IMAGES): trained at 8×8 from the folders, the test
    /// accuracy is within 1 point of training on the digits matrix (the
    /// issue's criterion; the area-averaged 4×4 blocks give back the 8×8
    /// values for PNG, and JPEG's loss is small).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["LOGIT_DIGITS_IMAGES"] != nil,
                   "set LOGIT_DIGITS_IMAGES to a folder written by scripts/reference/make_digits_images.py (scripts/test.sh does)"))
    func digitsFolderMatchesMatrix() throws {
        let root = ProcessInfo.processInfo.environment["LOGIT_DIGITS_IMAGES"]!
        let workspace = Workspace()
        func accuracy(_ arguments: [String]) throws -> Double {
            let result = try workspace.logit(arguments: ["train", "--json", "--quiet"] + arguments)
            #expect(result.status == 0, "\(result)")
            let report = try result.json()
            return try #require((report["test"] as? [String: Any])?["accuracy"] as? Double)
        }
        let matrix = try accuracy(["--data", root + "/train.csv", "--test", root + "/test.csv"])
        #expect(matrix > 0.9)
        for kind in ["png", "jpeg"] {
            let images = try accuracy(["--images", root + "/\(kind)/train", "--test", root + "/\(kind)/test",
                                       "--image-size", "8x8", "--no-cache"])
            #expect(abs(images - matrix) <= 0.01, "\(kind): \(images) vs matrix \(matrix)")
        }
    }
}
