import Foundation
import Logit
import Testing
@testable import LogitImages

/// A labelled folder made of the Pillow fixtures, in a fresh temporary folder.
final class TemporaryImageFolder: @unchecked Sendable {
    let path: String

    init(classes: [String: [String]], bad: [String: [String]] = [:]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("logit-images-\(UUID().uuidString)").path
        for (name, files) in classes {
            try FileManager.default.createDirectory(atPath: path + "/" + name, withIntermediateDirectories: true)
            for file in files { try FileManager.default.copyItem(atPath: ImageFixtures.good(file), toPath: path + "/\(name)/\(file)") }
        }
        for (name, files) in bad {
            try FileManager.default.createDirectory(atPath: path + "/" + name, withIntermediateDirectories: true)
            for file in files { try FileManager.default.copyItem(atPath: ImageFixtures.bad(file), toPath: path + "/\(name)/\(file)") }
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct ImageFeatureLoaderTests {
    static let classes = ["cat": ["png_rgb.png", "gif_single.gif", "bmp_rgb24.bmp"],
                          "ant": ["jpeg_baseline.jpg", "png_gray.png", "bmp_topdown.bmp"]]
    static let settings = ImagePreprocessing(width: 8, height: 6, color: .gray)

    @Test func scanSortsClassesAndFiles() throws {
        let folder = try TemporaryImageFolder(classes: Self.classes)
        let scanned = try ImageFolder.scan(folder.path)
        #expect(scanned.classNames == ["ant", "cat"])
        #expect(scanned.entries.map { URL(fileURLWithPath: $0.path).lastPathComponent }
            == ["bmp_topdown.bmp", "jpeg_baseline.jpg", "png_gray.png", "bmp_rgb24.bmp", "gif_single.gif", "png_rgb.png"])
        #expect(scanned.entries.map(\.label) == [0, 0, 0, 1, 1, 1])
    }

    @Test func oneClassIsRefused() throws {
        let folder = try TemporaryImageFolder(classes: ["only": ["png_rgb.png"]])
        #expect(throws: ImageError.self) { try ImageFolder.scan(folder.path) }
    }

    /// Each row is the preprocessed file, whatever the number of threads; a
    /// row equals the single-file path (decode, preprocess) exactly.
    @Test(arguments: [1, 2, 4]) func rowsMatchSingleFiles(threads: Int) throws {
        let folder = try TemporaryImageFolder(classes: Self.classes)
        let scanned = try ImageFolder.scan(folder.path)
        let loader = ImageFeatureLoader(preprocessing: Self.settings, threads: threads, batchSize: 4)
        let (data, report) = try loader.load(folder: scanned, as: Double.self)
        #expect(report.loaded == 6)
        #expect(!report.cacheUsed)
        #expect(data.featureCount == 48)
        #expect(data.featureNames.first == "pixel_0_0")
        for (i, entry) in scanned.entries.enumerated() {
            let expected = ImagePreprocessor(Self.settings).features(of: try ImageDecoder(jpegLuma: true).decode(path: entry.path))
            #expect(data.features.row(i) == expected)
            #expect(expected.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
    }

    @Test func badFilesFailListingEveryOneOrAreSkipped() throws {
        let folder = try TemporaryImageFolder(classes: Self.classes, bad: ["cat": ["tiny_5x5.png", "text.png"]])
        let scanned = try ImageFolder.scan(folder.path)
        let loader = ImageFeatureLoader(preprocessing: Self.settings)
        do {
            _ = try loader.load(folder: scanned, as: Float.self)
            Issue.record("bad files were accepted")
        } catch let failures as ImageFeatureLoader.Failures {
            #expect(failures.errors.map(\.path) == [folder.path + "/cat/text.png", folder.path + "/cat/tiny_5x5.png"])
            #expect(failures.errors[1].reason == "5×5 pixels, below the 10×10 minimum")
            #expect(failures.description.contains("2 of 8 image files cannot be used"))
        }
        var skipping = loader
        skipping.skipInvalid = true
        let (data, report) = try skipping.load(folder: scanned, as: Float.self)
        #expect(data.count == 6)
        #expect(report.skipped.count == 2)
        #expect(data.labels == [0, 0, 0, 1, 1, 1])
    }

    /// The second load comes from the cache (100% hits, same rows); a changed
    /// file is decoded again; a renamed copy is found by its content hash.
    @Test func cacheHitsMissesAndChangedFiles() throws {
        let folder = try TemporaryImageFolder(classes: Self.classes)
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("logit-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let loader = ImageFeatureLoader(preprocessing: Self.settings, cache: FeatureCache(directory: cacheDirectory))
        let (first, report1) = try loader.load(folder: try ImageFolder.scan(folder.path), as: Double.self)
        #expect(report1.cacheHits == 0)
        #expect(report1.cacheMisses == 6)
        let (second, report2) = try loader.load(folder: try ImageFolder.scan(folder.path), as: Double.self)
        #expect(report2.cacheHits == 6)
        #expect(report2.hitRate == 1)
        #expect(second.features.row(5) == first.features.row(5))
        // Overwrite cat/png_rgb.png with another image: that file is a miss and its row changes.
        let changed = folder.path + "/cat/png_rgb.png"
        try FileManager.default.removeItem(atPath: changed)
        try FileManager.default.copyItem(atPath: ImageFixtures.good("png_palette.png"), toPath: changed)
        // Copy an already cached file under a new name: a hit by content.
        try FileManager.default.copyItem(atPath: folder.path + "/ant/png_gray.png", toPath: folder.path + "/ant/renamed.png")
        let scanned = try ImageFolder.scan(folder.path)
        let (third, report3) = try loader.load(folder: scanned, as: Double.self)
        #expect(report3.cacheMisses == 1)
        #expect(report3.cacheHits == 6)
        let row = scanned.entries.firstIndex { $0.path == changed }!
        let expected = ImagePreprocessor(Self.settings).features(of: try ImageDecoder().decode(path: changed))
        #expect(third.features.row(row) == expected)
        // Other settings or precision use another key: all misses.
        let (_, report4) = try loader.load(folder: scanned, as: Float.self)
        #expect(report4.cacheHits == 0)
        // The cache holds one array per key; the superseded array was removed.
        let arrays = try FileManager.default.contentsOfDirectory(atPath: cacheDirectory).filter { $0.hasSuffix(".npy") }
        #expect(arrays.count == 2)
    }

    /// Two loads at once over a cold cache both succeed with the same rows, and the cache is then complete.
    @Test func concurrentLoadsAreSafe() async throws {
        let folder = try TemporaryImageFolder(classes: Self.classes)
        let cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("logit-cache-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let loader = ImageFeatureLoader(preprocessing: Self.settings, cache: FeatureCache(directory: cacheDirectory))
        let scanned = try ImageFolder.scan(folder.path)
        async let a = Task.detached { try loader.load(folder: scanned, as: Double.self).0.features.row(3) }.value
        async let b = Task.detached { try loader.load(folder: scanned, as: Double.self).0.features.row(3) }.value
        let (rowA, rowB) = try await (a, b)
        #expect(rowA == rowB)
        let (_, report) = try loader.load(folder: scanned, as: Double.self)
        #expect(report.hitRate == 1)
    }

    @Test func streamingBatchesHoldAtMostBatchSizeRows() throws {
        let folder = try TemporaryImageFolder(classes: Self.classes, bad: ["cat": ["empty.png"]])
        let paths = try ImageFolder.files(in: folder.path, recursive: true)
        #expect(paths.count == 7)
        var loader = ImageFeatureLoader(preprocessing: Self.settings, skipInvalid: true, batchSize: 3)
        var seen = [String]()
        let report = try loader.forEachBatch(paths: paths, as: Float.self) { rows, names, _ in
            #expect(rows.rows <= 3)
            #expect(rows.rows == names.count)
            seen += names
        }
        #expect(seen.count == 6)
        #expect(report.skipped.map(\.reason) == ["empty file (0 bytes)"])
        loader.skipInvalid = false
        #expect(throws: ImageFeatureLoader.Failures.self) { try loader.forEachBatch(paths: paths, as: Float.self) { _, _, _ in } }
    }
}
