import Logit
import LogitNumerics

/// Turns decoded images into feature rows by ``ImagePreprocessing``: colour
/// conversion, resize (``ImageResizer``), scaling to [0, 1] (÷ 255), then the
/// optional ``ImageAugmentation``.
public struct ImagePreprocessor: Sendable {
    /// The settings.
    public var settings: ImagePreprocessing

    /// A preprocessor for `settings`.
    public init(_ settings: ImagePreprocessing) { self.settings = settings }

    /// The feature values of `image`, in [0, 1], `settings.featureCount` of them.
    public func features(of image: DecodedImage) -> [Double] {
        let converted = settings.color == .gray ? image.gray() : image.rgb()
        var values = ImageResizer.resize(converted, width: settings.width, height: settings.height)
        for i in values.indices { values[i] /= 255 }
        return values
    }

    /// Writes the features of `image` into `row` (`settings.featureCount` values).
    /// Inlinable so each caller gets it specialized for its precision.
    @inlinable
    public func write<T: LogitScalar>(_ image: DecodedImage, into row: UnsafeMutableBufferPointer<T>) {
        let values = features(of: image)
        precondition(row.count == values.count, "row length")
        for i in values.indices { row[i] = T(values[i]) }
    }
}
