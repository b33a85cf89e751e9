import CGIF

/// GIF through giflib: the first image of the file, on its logical screen, RGB.
enum GIFDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, limits: ImageLimits) throws(ImageError) -> DecodedImage {
        var reader = logit_gif_reader()
        defer { logit_gif_close(&reader) }
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard logit_gif_open(&reader, base, bytes.count) == 1 else {
            throw ImageError(path: path, reason: message(&reader))
        }
        let width = Int(reader.width), height = Int(reader.height)
        try limits.checkDimensions(width: width, height: height, path: path)
        var failed = false
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * 3) { buffer, initialized in
            buffer.initialize(repeating: 0)
            failed = logit_gif_read_first(&reader, buffer.baseAddress) != 1
            initialized = buffer.count
        }
        if failed { throw ImageError(path: path, reason: "corrupt GIF: \(message(&reader))") }
        return DecodedImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    private static func message(_ reader: inout logit_gif_reader) -> String {
        withUnsafeBytes(of: &reader.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
