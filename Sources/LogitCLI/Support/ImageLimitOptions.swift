import ArgumentParser
import LogitImages

/// The image validation limits, shared by every command that reads image
/// files (`--images` when training and evaluating, `predict` on images).
struct ImageLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-image-mb"), help: ArgumentHelp("Largest image file accepted, in MB (default 50).", valueName: "mb"))
    var maxImageMegabytes: Int = 50

    @Option(name: .customLong("min-image-side"), help: ArgumentHelp("Shortest image side accepted, in pixels (default 10).", valueName: "px"))
    var minSide: Int = 10

    @Option(name: .customLong("max-image-side"), help: ArgumentHelp("Longest image side accepted, in pixels (default 5000).", valueName: "px"))
    var maxSide: Int = 5000

    func validate() throws {
        guard maxImageMegabytes >= 1, minSide >= 1, maxSide >= minSide else {
            throw ValidationError("image limits: --max-image-mb ≥ 1, --min-image-side ≥ 1, --max-image-side ≥ --min-image-side")
        }
    }

    /// The validation limits.
    var limits: ImageLimits {
        ImageLimits(maxFileBytes: maxImageMegabytes * 1024 * 1024, minSide: minSide, maxSide: maxSide)
    }
}
