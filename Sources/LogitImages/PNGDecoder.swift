import CPNG

/// PNG through libpng: grey, grey+alpha, RGB, RGBA, palette, 1–16 bits. 16-bit
/// values keep their high byte (as Pillow's `RGB;16B` unpacking); alpha is
/// dropped; palette and low-bit grey are expanded.
enum PNGDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, limits: ImageLimits) throws(ImageError) -> DecodedImage {
        var reader = logit_png_reader()
        defer { logit_png_close(&reader) }
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard logit_png_open(&reader, base, bytes.count) == 1 else {
            throw ImageError(path: path, reason: "not a readable PNG: \(message(&reader))")
        }
        let width = Int(reader.width), height = Int(reader.height), channels = Int(reader.channels)
        try limits.checkDimensions(width: width, height: height, path: path)
        guard channels == 1 || channels == 3, Int(reader.row_bytes) == width * channels else {
            throw ImageError(path: path, reason: "unsupported PNG layout (\(channels) channels after expansion)")
        }
        var failed = false
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * channels) { buffer, initialized in
            buffer.initialize(repeating: 0)
            failed = logit_png_read(&reader, buffer.baseAddress) != 1
            initialized = buffer.count
        }
        if failed { throw ImageError(path: path, reason: "corrupt PNG: \(message(&reader))") }
        return DecodedImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    private static func message(_ reader: inout logit_png_reader) -> String {
        withUnsafeBytes(of: &reader.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
