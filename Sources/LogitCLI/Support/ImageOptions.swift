import ArgumentParser
import Foundation
import Logit
import LogitImages

/// Image-folder flags: `--images`, `--image-size`, `--color`, the validation
/// limits and the feature cache. The work is in `LogitImages`.
struct ImageOptions: ParsableArguments {
    @Option(help: ArgumentHelp("An image folder (PNG, JPEG, GIF, BMP) instead of --data: one subfolder per class, named after it.",
                               valueName: "dir"))
    var images: String?

    @Option(name: .customLong("image-size"),
            help: ArgumentHelp("Resize every image to WIDTHxHEIGHT pixels (area averaging when shrinking, bilinear when enlarging). Default 28x28.",
                               valueName: "WxH"))
    var imageSize: String?

    @Option(help: ArgumentHelp("Image colour: gray (one luma value per pixel) or rgb. Default gray.", valueName: "gray|rgb"))
    var color: String?

    @Flag(name: .customLong("no-cache"), help: "Decode every image again: neither read nor write the feature cache.")
    var noCache = false

    @Option(name: .customLong("cache-dir"),
            help: ArgumentHelp("The feature cache folder (default $LOGIT_CACHE_DIR, else ~/.cache/logit/images).", valueName: "dir"))
    var cacheDirectory: String?

    @Option(name: .customLong("cache-max-mb"), help: ArgumentHelp("Size bound of the feature cache in MB (default 2048).", valueName: "mb"))
    var cacheMaxMegabytes: Int = 2048

    @OptionGroup var limitOptions: ImageLimitOptions

    func validate() throws {
        if let imageSize {
            do { _ = try ImagePreprocessing.parseSize(imageSize) } catch let error as DataError { throw ValidationError(error.message) }
        }
        if let color, ImagePreprocessing.Color(rawValue: color.lowercased()) == nil {
            throw ValidationError("--color \(color): give gray or rgb")
        }
        guard cacheMaxMegabytes >= 0 else {
            throw ValidationError("--cache-max-mb \(cacheMaxMegabytes): give 0 or more")
        }
    }

    /// Whether any training-only image flag was given (refused without --images).
    var givesSettings: Bool { imageSize != nil || color != nil }

    /// The preprocessing these flags give.
    var preprocessing: ImagePreprocessing {
        let size = (try? ImagePreprocessing.parseSize(imageSize ?? "28x28")) ?? (width: 28, height: 28)
        return ImagePreprocessing(width: size.width, height: size.height,
                                  color: ImagePreprocessing.Color(rawValue: (color ?? "gray").lowercased()) ?? .gray)
    }

    /// The validation limits.
    var limits: ImageLimits { limitOptions.limits }

    /// The feature cache, nil with `--no-cache`.
    var cache: FeatureCache? {
        noCache ? nil : FeatureCache(directory: cacheDirectory, maxBytes: cacheMaxMegabytes * 1024 * 1024)
    }

    /// A loader with these settings (the model's preprocessing when given).
    func loader(preprocessing: ImagePreprocessing? = nil, skipInvalid: Bool) -> ImageFeatureLoader {
        ImageFeatureLoader(preprocessing: preprocessing ?? self.preprocessing, limits: limits, skipInvalid: skipInvalid,
                           cache: cache)
    }
}

/// Training-time augmentation of an image folder (`logit train` only).
struct ImageAugmentationOptions: ParsableArguments {
    @Option(name: .customLong("augment-copies"),
            help: ArgumentHelp("Add this many augmented copies of every training image (needs --images and a separate --test DIR). Default 0: off.",
                               valueName: "n"))
    var copies: Int = 0

    @Flag(name: .customLong("augment-flip"), help: "Augmented copies are mirrored left-right with probability ½.")
    var flip = false

    @Option(name: .customLong("augment-rotate"), help: ArgumentHelp("Largest rotation of an augmented copy, in degrees.", valueName: "deg"))
    var rotate: Double = 0

    @Option(name: .customLong("augment-shift"), help: ArgumentHelp("Largest shift of an augmented copy, in pixels.", valueName: "px"))
    var shift: Int = 0

    @Option(name: .customLong("augment-seed"), help: ArgumentHelp("Seed of the augmentation.", valueName: "n"))
    var seed: UInt64 = 0

    func validate() throws {
        guard (0...100).contains(copies), (0...45).contains(rotate), shift >= 0 else {
            throw ValidationError("--augment-copies 0...100, --augment-rotate 0...45 degrees, --augment-shift ≥ 0")
        }
        if copies == 0 && (flip || rotate != 0 || shift != 0) {
            throw ValidationError("--augment-flip, --augment-rotate and --augment-shift need --augment-copies N")
        }
    }

    /// The augmentation, nil when off.
    var augmentation: ImageAugmentation? {
        copies == 0 ? nil : ImageAugmentation(copies: copies, flip: flip, maxRotationDegrees: rotate, maxShift: shift, seed: seed)
    }
}

/// An image folder to load as a data set, and how.
struct ImageSource: Sendable {
    var path: String
    var loader: ImageFeatureLoader
    /// Augmented copies appended after loading (training rows only).
    var augmentation: ImageAugmentation? = nil

    /// Loads the folder, drawing progress on standard error when it is a
    /// terminal, and reports skipped files and the cache hit rate there.
    func load<T: LogitScalar>(as _: T.Type) throws -> Dataset<T> {
        let folder = try ImageFolder.scan(path)
        let progress = ImageProgress(label: "decoding \(path)")
        let (data, report): (Dataset<T>, ImageFeatureLoader.Report)
        do {
            (data, report) = try loader.load(folder: folder, as: T.self, progress: progress.draw)
        } catch let failures as ImageFeatureLoader.Failures {
            progress.clear()
            for error in failures.errors { ErrorReporting.printError("error: \(MessageText.escaped(error.description))") }
            throw CLIError("\(failures.errors.count) of \(failures.files) image files in \(path) cannot be used (listed above); --skip-invalid leaves them out")
        }
        progress.clear()
        ImageSource.summarize(report, path: path)
        if let augmentation {
            let augmented = try augmentation.augment(data, shape: loader.preprocessing.shape)
            ErrorReporting.printError("augment: \(augmentation.copies) copies of each of \(data.count) images (seed \(augmentation.seed)): \(augmented.count) training rows")
            return augmented
        }
        return data
    }

    /// Warnings for skipped files, and a one-line summary with the cache hit rate.
    static func summarize(_ report: ImageFeatureLoader.Report, path: String) {
        for error in report.skipped { ErrorReporting.printError("warning: skipped \(MessageText.escaped(error.description))") }
        var line = "images:  \(report.loaded) of \(report.files) files from \(path) in \(String(format: "%.2f", report.seconds)) s"
        if !report.skipped.isEmpty { line += ", \(report.skipped.count) skipped" }
        if report.cacheUsed {
            line += String(format: "; feature cache %d hits, %d misses (hit rate %.0f%%)", report.cacheHits, report.cacheMisses,
                           100 * report.hitRate)
        }
        ErrorReporting.printError(line)
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal.
final class ImageProgress: @unchecked Sendable {
    let label: String
    let enabled = isatty(2) == 1

    init(label: String) { self.label = label }

    var draw: @Sendable (Int, Int) -> Void {
        { [self] done, total in
            guard enabled, total > 0 else { return }
            let width = 30, filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        }
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
