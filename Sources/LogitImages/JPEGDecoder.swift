import CJPEG

/// JPEG through libjpeg-turbo: baseline and progressive, grey or colour (RGB
/// out); CMYK and YCCK are refused; the Exif orientation tag is applied.
enum JPEGDecoder {
    /// With `luma`, a YCbCr file is decoded to its Y channel alone (grey).
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, limits: ImageLimits,
                       luma: Bool = false) throws(ImageError) -> DecodedImage {
        var reader = logit_jpeg_reader()
        defer { logit_jpeg_close(&reader) }
        let base = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        guard logit_jpeg_open(&reader, base, UInt(bytes.count)) == 1 else {
            throw ImageError(path: path, reason: "not a readable JPEG: \(message(&reader))")
        }
        if reader.color_space == 4 || reader.color_space == 5 {
            throw ImageError(path: path, reason: "CMYK JPEG is not supported (convert it to RGB)")
        }
        guard reader.components == 1 || reader.components == 3 else {
            throw ImageError(path: path, reason: "JPEG with \(reader.components) components is not supported")
        }
        let width = Int(reader.width), height = Int(reader.height)
        // 3 = JCS_YCbCr: its Y channel is the luma; other 3-component spaces convert to RGB.
        let channels = luma && reader.color_space == 3 ? 1 : Int(reader.components)
        try limits.checkDimensions(width: width, height: height, path: path)
        var failed = false
        var produced: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height * channels) { buffer, initialized in
            buffer.initialize(repeating: 0)
            failed = logit_jpeg_read(&reader, buffer.baseAddress, Int32(channels), &produced) != 1
            initialized = buffer.count
        }
        if failed { throw ImageError(path: path, reason: "corrupt JPEG: \(message(&reader))") }
        guard Int(produced) == channels else {
            throw ImageError(path: path, reason: "JPEG decoded to \(produced) channels, expected \(channels)")
        }
        let image = DecodedImage(width: width, height: height, channels: channels, pixels: pixels)
        return ExifOrientation.read(bytes).apply(to: image)
    }

    private static func message(_ reader: inout logit_jpeg_reader) -> String {
        withUnsafeBytes(of: &reader.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
