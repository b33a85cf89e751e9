/// Windows BMP read directly: uncompressed (BI_RGB) 24- and 32-bit (the fourth
/// byte ignored) and 8-bit palette images, bottom-up (positive height) or
/// top-down (negative height), with BITMAPINFOHEADER or a later header.
enum BMPDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, limits: ImageLimits) throws(ImageError) -> DecodedImage {
        func fail(_ reason: String) -> ImageError { ImageError(path: path, reason: reason) }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func i32(_ at: Int) -> Int { Int(Int32(bitPattern: UInt32(u32(at)))) }
        guard bytes.count >= 14 + 40 else { throw fail("truncated BMP header (\(bytes.count) bytes)") }
        let dataOffset = u32(10)
        let headerSize = u32(14)
        guard headerSize >= 40, 14 + headerSize <= bytes.count else {
            throw fail("unsupported BMP header (\(headerSize) bytes; only BITMAPINFOHEADER and later)")
        }
        let width = i32(18), rawHeight = i32(22)
        let bits = u16(28), compression = u32(30)
        let topDown = rawHeight < 0
        let height = abs(rawHeight)
        guard width > 0, height > 0 else { throw fail("BMP declares \(width)×\(rawHeight) pixels") }
        guard compression == 0 || (compression == 3 && bits == 32) else {
            throw fail("compressed BMP (compression \(compression)) is not supported; only uncompressed BI_RGB")
        }
        guard bits == 8 || bits == 24 || bits == 32 else {
            throw fail("\(bits)-bit BMP is not supported (8, 24 or 32 bits)")
        }
        try limits.checkDimensions(width: width, height: height, path: path)
        var palette = [UInt8]()
        if bits == 8 {
            let declared = u32(46)
            let colors = declared == 0 ? 256 : declared
            guard colors <= 256, 14 + headerSize + 4 * colors <= bytes.count else {
                throw fail("BMP palette of \(colors) colours does not fit in the file")
            }
            palette = [UInt8](repeating: 0, count: 256 * 3)
            for c in 0..<colors {
                let at = 14 + headerSize + 4 * c
                palette[3 * c] = bytes[at + 2]
                palette[3 * c + 1] = bytes[at + 1]
                palette[3 * c + 2] = bytes[at]
            }
        }
        let stride = (width * bits / 8 + 3) & ~3
        guard dataOffset >= 14 + headerSize, dataOffset <= bytes.count,
              stride * height <= bytes.count - dataOffset else {
            throw fail("truncated BMP: \(height) rows of \(stride) bytes do not fit after offset \(dataOffset) in \(bytes.count) bytes")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { out in
            for y in 0..<height {
                let row = dataOffset + (topDown ? y : height - 1 - y) * stride
                let dst = y * width * 3
                switch bits {
                case 8:
                    for x in 0..<width {
                        let p = Int(bytes[row + x]) * 3
                        out[dst + 3 * x] = palette[p]
                        out[dst + 3 * x + 1] = palette[p + 1]
                        out[dst + 3 * x + 2] = palette[p + 2]
                    }
                default:
                    let step = bits / 8
                    for x in 0..<width {
                        let at = row + x * step
                        out[dst + 3 * x] = bytes[at + 2]
                        out[dst + 3 * x + 1] = bytes[at + 1]
                        out[dst + 3 * x + 2] = bytes[at]
                    }
                }
            }
        }
        // A palette of greys (as Pillow's grey BMPs) gives a grey image, as Pillow reads it.
        var greyPalette = bits == 8
        for c in 0..<(palette.count / 3) where palette[3 * c] != palette[3 * c + 1] || palette[3 * c] != palette[3 * c + 2] {
            greyPalette = false
        }
        if greyPalette {
            var grey = [UInt8](repeating: 0, count: width * height)
            for i in 0..<(width * height) { grey[i] = pixels[3 * i] }
            return DecodedImage(width: width, height: height, channels: 1, pixels: grey)
        }
        return DecodedImage(width: width, height: height, channels: 3, pixels: pixels)
    }
}
