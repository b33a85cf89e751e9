/// What an image file may be: its size on disk and the length of each side,
/// checked before any pixel is allocated (a 100-byte PNG that declares
/// 50000 × 50000 pixels is refused from its header).
public struct ImageLimits: Sendable, Hashable, Codable {
    /// The largest file accepted, in bytes (default 50 MB = 50 · 1024² bytes).
    public var maxFileBytes: Int
    /// The shortest side accepted, in pixels (default 10).
    public var minSide: Int
    /// The longest side accepted, in pixels (default 5000).
    public var maxSide: Int

    /// Limits; the defaults are the project's (50 MB, 10–5000 pixels a side).
    public init(maxFileBytes: Int = 50 * 1024 * 1024, minSide: Int = 10, maxSide: Int = 5000) {
        self.maxFileBytes = maxFileBytes
        self.minSide = minSide
        self.maxSide = maxSide
    }

    /// The default limits.
    public static let standard = ImageLimits()

    /// Throws when a file of `bytes` bytes is too large or empty.
    public func checkFileSize(_ bytes: Int, path: String) throws(ImageError) {
        if bytes == 0 { throw ImageError(path: path, reason: "empty file (0 bytes)") }
        if bytes > maxFileBytes {
            throw ImageError(path: path, reason: "\(Self.megabytes(bytes)) file, above the \(Self.megabytes(maxFileBytes)) limit")
        }
    }

    /// Throws when `width` × `height` has a side outside the limits.
    public func checkDimensions(width: Int, height: Int, path: String) throws(ImageError) {
        if width < minSide || height < minSide {
            throw ImageError(path: path, reason: "\(width)×\(height) pixels, below the \(minSide)×\(minSide) minimum")
        }
        if width > maxSide || height > maxSide {
            throw ImageError(path: path, reason: "\(width)×\(height) pixels, above the \(maxSide)×\(maxSide) maximum")
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / (1024 * 1024)
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }
}
