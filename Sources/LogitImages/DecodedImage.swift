/// Decoded pixels: 8-bit values, row-major, channel-last; one channel (grey) or
/// three (RGB). Alpha is dropped (as Pillow's `convert("RGB")` / `convert("L")`).
public struct DecodedImage: Sendable, Equatable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// 1 (grey) or 3 (RGB).
    public var channels: Int
    /// `height · width · channels` values.
    public var pixels: [UInt8]

    /// An image; `pixels.count` must be `width · height · channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(channels == 1 || channels == 3, "1 or 3 channels")
        precondition(pixels.count == width * height * channels, "pixel count")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The image in grey: unchanged when grey, else ITU-R 601 luma with
    /// Pillow's integer rounding, `(19595·R + 38470·G + 7471·B + 32768) >> 16`
    /// (the weights are 0.299, 0.587, 0.114 in 16-bit fixed point).
    public func gray() -> DecodedImage {
        guard channels == 3 else { return self }
        let count = width * height
        let out = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            pixels.withUnsafeBufferPointer { rgb in
                for i in 0..<count {
                    let r = UInt32(rgb[3 * i]), g = UInt32(rgb[3 * i + 1]), b = UInt32(rgb[3 * i + 2])
                    buffer[i] = UInt8(truncatingIfNeeded: (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
                }
            }
            initialized = count
        }
        return DecodedImage(width: width, height: height, channels: 1, pixels: out)
    }

    /// The image in RGB: unchanged when RGB, else grey repeated in each channel.
    public func rgb() -> DecodedImage {
        guard channels == 1 else { return self }
        var out = [UInt8](repeating: 0, count: pixels.count * 3)
        for (i, v) in pixels.enumerated() {
            out[3 * i] = v
            out[3 * i + 1] = v
            out[3 * i + 2] = v
        }
        return DecodedImage(width: width, height: height, channels: 3, pixels: out)
    }
}
