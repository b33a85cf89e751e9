import Foundation

/// Reads PNG, JPEG, GIF and BMP files into ``DecodedImage``s under
/// ``ImageLimits``: the file size is checked before the file is read, the
/// format from the magic bytes, the dimensions from the header before any
/// pixel is allocated. Every failure is an ``ImageError`` naming the path.
public struct ImageDecoder: Sendable {
    /// The limits in force.
    public var limits: ImageLimits
    /// Decode colour JPEGs straight to grey (their luma channel), skipping
    /// chroma upsampling and colour conversion: faster, and within one level
    /// of the RGB decode followed by ``DecodedImage/gray()``. Set when the
    /// preprocessing wants grey; other formats are unaffected.
    public var jpegLuma: Bool

    /// A decoder under `limits`.
    public init(limits: ImageLimits = .standard, jpegLuma: Bool = false) {
        self.limits = limits
        self.jpegLuma = jpegLuma
    }

    /// Decodes the file at `path`.
    ///
    /// Memory: the file's bytes (at most ``ImageLimits/maxFileBytes``) plus
    /// the pixels (at most ``ImageLimits/maxSide``² · 3 bytes).
    /// - Throws: ``ImageError``: missing, a folder, unreadable, too large,
    ///   empty, not an image, corrupt or truncated, or out of the limits.
    public func decode(path: String) throws(ImageError) -> DecodedImage {
        let bytes = try Self.readFile(path, maxBytes: limits.maxFileBytes)
        return try decode(bytes: bytes, path: path)
    }

    /// Decodes image bytes that came from `path` (or any name for messages).
    public func decode(bytes: [UInt8], path: String) throws(ImageError) -> DecodedImage {
        try limits.checkFileSize(bytes.count, path: path)
        let limits = self.limits, jpegLuma = self.jpegLuma
        let result: Result<DecodedImage, ImageError> = bytes.withUnsafeBytes { raw in
            do throws(ImageError) {
                guard let format = ImageFormat.detect(raw) else {
                    throw ImageError(path: path, reason: "not a PNG, JPEG, GIF or BMP file (\(Self.describeStart(raw)))")
                }
                switch format {
                case .png: return .success(try PNGDecoder.decode(raw, path: path, limits: limits))
                case .jpeg: return .success(try JPEGDecoder.decode(raw, path: path, limits: limits, luma: jpegLuma))
                case .gif: return .success(try GIFDecoder.decode(raw, path: path, limits: limits))
                case .bmp: return .success(try BMPDecoder.decode(raw, path: path, limits: limits))
                }
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The first bytes of an unknown file, for the message.
    static func describeStart(_ raw: UnsafeRawBufferPointer) -> String {
        let head = raw.prefix(8)
        if head.allSatisfy({ (0x20..<0x7F).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return "starts with text \"\(String(decoding: head, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n"))\""
        }
        return "starts with bytes " + head.map { String(format: "%02X", $0) }.joined(separator: " ")
    }

    /// Reads a whole file, refusing before reading when it is larger than
    /// `maxBytes` (a 60 MB file is never read into memory).
    public static func readFile(_ path: String, maxBytes: Int) throws(ImageError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ImageError(path: path, reason: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw ImageError(path: path, reason: "is a folder, not an image file") }
        let size = Int(status.st_size)
        try ImageLimits(maxFileBytes: maxBytes).checkFileSize(size, path: path)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ImageError(path: path, reason: errno == EACCES ? "permission denied" : String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while done < size {
                let n = read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { break }
                done += n
            }
        }
        if failure != 0 { throw ImageError(path: path, reason: String(cString: strerror(failure))) }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }
}
