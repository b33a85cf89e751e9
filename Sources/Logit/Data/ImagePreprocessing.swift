/// How an image file becomes a feature row, stored in the model file so that
/// prediction repeats exactly what training did (the decoding and the
/// arithmetic live in the `LogitImages` module; this is the settings alone).
///
/// The steps, in order: decode to 8-bit grey or RGB; convert the colour
/// (``Color/gray``: ITU-R 601 luma with Pillow's rounding,
/// `L = (19595·R + 38470·G + 7471·B + 32768) >> 16`); resize each axis to
/// ``width`` × ``height`` (area averaging on an axis that shrinks, bilinear with
/// half-pixel centres on one that grows, identity on one that keeps its size);
/// divide by 255 so values lie in [0, 1]; flatten row-major, channel-last
/// (``ImageShape``).
public struct ImagePreprocessing: Sendable, Codable, Hashable {
    /// The colour of the features.
    public enum Color: String, Sendable, Codable, Hashable, CaseIterable {
        /// One luma value per pixel.
        case gray
        /// Red, green, blue per pixel.
        case rgb
    }

    /// The name of the resize method in ``resize`` (the only one there is).
    public static let areaBilinear = "area-shrink-bilinear-grow"

    /// Target width in pixels.
    public var width: Int
    /// Target height in pixels.
    public var height: Int
    /// Target colour.
    public var color: Color
    /// The resize method, ``areaBilinear``.
    public var resize: String

    /// Settings for `width` × `height` pixels in `color`.
    public init(width: Int, height: Int, color: Color) {
        self.width = width
        self.height = height
        self.color = color
        resize = Self.areaBilinear
    }

    /// Values per pixel: 1 for grey, 3 for RGB.
    public var channels: Int { color == .gray ? 1 : 3 }

    /// The shape of the feature row.
    public var shape: ImageShape { ImageShape(height: height, width: width, channels: channels) }

    /// The number of features, `width · height · channels`.
    public var featureCount: Int { width * height * channels }

    /// A stable text form of the settings (`28x28-gray-area-shrink-bilinear-grow`),
    /// part of the feature cache's key.
    public var key: String { "\(width)x\(height)-\(color.rawValue)-\(resize)" }

    /// Parses `--image-size` text: `28x28` (width × height) or `28` (square).
    ///
    /// - Throws: ``DataError`` naming the text when it is not two positive sizes up to 4096.
    public static func parseSize(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let numbers = parts.map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(numbers.count), numbers.allSatisfy({ $0 != nil && $0! >= 1 && $0! <= 4096 }) else {
            throw DataError("--image-size \(text): give WIDTHxHEIGHT, e.g. 28x28, each 1 to 4096")
        }
        return (numbers[0]!, numbers.count == 2 ? numbers[1]! : numbers[0]!)
    }
}
