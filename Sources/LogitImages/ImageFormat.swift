/// The image formats read, recognised from a file's first bytes (its magic
/// number), never from its name.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    /// PNG: `89 50 4E 47 0D 0A 1A 0A`.
    case png
    /// JPEG (JFIF, Exif, baseline or progressive): `FF D8 FF`.
    case jpeg
    /// GIF87a / GIF89a: `GIF8`.
    case gif
    /// Windows BMP: `BM`.
    case bmp

    /// The format whose signature starts `bytes`, or nil.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        func starts(_ signature: [UInt8]) -> Bool {
            bytes.count >= signature.count && zip(bytes, signature).allSatisfy { $0 == $1 }
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x47, 0x49, 0x46, 0x38]) { return .gif }
        if starts([0x42, 0x4D]) { return .bmp }
        return nil
    }

    /// Extensions taken as image files when a folder is listed.
    public static let fileExtensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "jfif", "gif", "bmp", "dib"]
}
