/// The Exif orientation tag (0x0112) of a JPEG file, read from its APP1
/// segment, and the transform that puts the pixels upright (what Pillow's
/// `ImageOps.exif_transpose` does).
///
/// Values 1–8: 1 upright, 2 mirrored left-right, 3 rotated 180°, 4 mirrored
/// top-bottom, 5 transposed, 6 stored rotated 90° counter-clockwise (shown
/// after a 90° clockwise turn), 7 transversed, 8 stored rotated 90° clockwise.
public struct ExifOrientation: Sendable, Hashable {
    /// The tag's value, 1 when absent or unreadable.
    public var value: Int

    /// An orientation; values outside 1–8 act as 1.
    public init(_ value: Int) { self.value = (1...8).contains(value) ? value : 1 }

    /// Reads the tag from the markers before the first scan of `jpeg`.
    public static func read(_ jpeg: UnsafeRawBufferPointer) -> ExifOrientation {
        var at = 2
        while at + 4 <= jpeg.count {
            guard jpeg[at] == 0xFF else { return ExifOrientation(1) }
            let marker = jpeg[at + 1]
            if marker == 0xFF { at += 1; continue }
            if marker == 0xDA || marker == 0xD9 { break }
            let length = Int(jpeg[at + 2]) << 8 | Int(jpeg[at + 3])
            guard length >= 2, at + 2 + length <= jpeg.count else { break }
            if marker == 0xE1, length >= 16 {
                let segment = UnsafeRawBufferPointer(rebasing: jpeg[(at + 4)..<(at + 2 + length)])
                if let value = tiffOrientation(segment) { return ExifOrientation(value) }
            }
            at += 2 + length
        }
        return ExifOrientation(1)
    }

    /// The orientation in an APP1 payload `Exif\0\0` + TIFF header + IFD0.
    static func tiffOrientation(_ s: UnsafeRawBufferPointer) -> Int? {
        guard s.count >= 14, Array(s[0..<6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] else { return nil }
        let t = 6
        let little: Bool
        switch (s[t], s[t + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ i: Int) -> Int? {
            guard i >= 0, i + 2 <= s.count else { return nil }
            return little ? Int(s[i]) | Int(s[i + 1]) << 8 : Int(s[i]) << 8 | Int(s[i + 1])
        }
        func u32(_ i: Int) -> Int? {
            guard let a = u16(i), let b = u16(i + 2) else { return nil }
            return little ? a | b << 16 : a << 16 | b
        }
        guard let ifd = u32(t + 4), let count = u16(t + ifd) else { return nil }
        for e in 0..<min(count, 512) {
            let entry = t + ifd + 2 + 12 * e
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(entry + 2), type == 3 else { return nil }
                return u16(entry + 8)
            }
        }
        return nil
    }

    /// `image` put upright.
    public func apply(to image: DecodedImage) -> DecodedImage {
        guard value != 1 else { return image }
        let w = image.width, h = image.height, c = image.channels
        let swaps = value >= 5
        let ow = swaps ? h : w, oh = swaps ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<oh {
                    for x in 0..<ow {
                        // The source pixel shown at (x, y) of the upright image.
                        let (sx, sy): (Int, Int)
                        switch value {
                        case 2: (sx, sy) = (w - 1 - x, y)
                        case 3: (sx, sy) = (w - 1 - x, h - 1 - y)
                        case 4: (sx, sy) = (x, h - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, h - 1 - x)
                        case 7: (sx, sy) = (w - 1 - y, h - 1 - x)
                        default: (sx, sy) = (w - 1 - y, x)
                        }
                        let from = (sy * w + sx) * c, to = (y * ow + x) * c
                        for k in 0..<c { dst[to + k] = src[from + k] }
                    }
                }
            }
        }
        return DecodedImage(width: ow, height: oh, channels: c, pixels: out)
    }
}
