/// Resizes 8-bit images, one axis at a time, by the method of
/// ``ImagePreprocessing`` (`area-shrink-bilinear-grow`):
///
/// - An axis of `n` source pixels shrinking to `m < n`: **area averaging**.
///   Output pixel `i` covers the source interval `[i·n/m, (i+1)·n/m)`; its
///   value is the mean of the source pixels weighted by how much of each
///   (pixel `j` spans `[j, j+1)`) lies in that interval.
/// - An axis growing to `m > n`: **bilinear**, half-pixel centres. Output pixel
///   `i` samples source position `x = (i + ½)·n/m − ½`, clamped to `[0, n−1]`,
///   as `(1−t)·p[⌊x⌋] + t·p[min(⌊x⌋+1, n−1)]` with `t = x − ⌊x⌋`.
/// - An axis keeping its size: unchanged.
///
/// Both are linear in the pixels, so the result is `Wy · P · Wxᵀ` per channel
/// for the two axes' weight matrices, whatever the order (the reference in
/// scripts/reference/image_reference.py computes exactly that with NumPy).
/// Arithmetic in Double. Cost: O(h_src · w_dst · k_x + h_dst · w_dst · k_y) per
/// channel, k the source pixels per output pixel.
public enum ImageResizer {
    /// One axis's weights, flat: output `i` is
    /// `Σ_k weights[offset[i] + k] · source[first[i] + k]` for `k < count[i]`.
    struct AxisWeights {
        var first: [Int] = []
        var count: [Int] = []
        var offset: [Int] = []
        var weights: [Double] = []

        init(from n: Int, to m: Int) {
            first.reserveCapacity(m)
            count.reserveCapacity(m)
            offset.reserveCapacity(m)
            let scale = Double(n) / Double(m)
            for i in 0..<m {
                offset.append(weights.count)
                if m == n {
                    first.append(i)
                    weights.append(1)
                } else if m < n {
                    let lo = Double(i) * scale, hi = Double(i + 1) * scale
                    let j0 = Int(lo.rounded(.down)), j1 = min(n, Int(hi.rounded(.up)))
                    first.append(j0)
                    for j in j0..<j1 { weights.append(max(0, min(hi, Double(j + 1)) - max(lo, Double(j))) / scale) }
                } else {
                    let x = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(n - 1))
                    let j0 = Int(x.rounded(.down))
                    let t = x - Double(j0)
                    first.append(j0)
                    if j0 + 1 < n { weights.append(1 - t); weights.append(t) } else { weights.append(1) }
                }
                count.append(weights.count - offset[i])
            }
        }
    }

    /// `image` resized to `width` × `height`, values in the source's units
    /// (0–255), row-major, channel-last.
    public static func resize(_ image: DecodedImage, width: Int, height: Int) -> [Double] {
        var out = [Double](repeating: 0, count: height * width * image.channels)
        out.withUnsafeMutableBufferPointer { resize(image, width: width, height: height, into: $0) }
        return out
    }

    /// Writes `image` resized to `width` × `height` into `out`
    /// (`height · width · channels` values, overwritten).
    public static func resize(_ image: DecodedImage, width: Int, height: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let c = image.channels, sw = image.width, sh = image.height
        precondition(out.count == width * height * c, "output size")
        let wx = AxisWeights(from: sw, to: width), wy = AxisWeights(from: sh, to: height)
        // Horizontal pass: sh rows × width columns; only the source rows the
        // vertical pass reads are computed.
        let rowLength = width * c
        var horizontal = [Double](repeating: 0, count: sh * rowLength)
        var needed = [Bool](repeating: false, count: sh)
        for y in 0..<height { for k in 0..<wy.count[y] { needed[wy.first[y] + k] = true } }
        image.pixels.withUnsafeBufferPointer { src in
            horizontal.withUnsafeMutableBufferPointer { dst in
                wx.weights.withUnsafeBufferPointer { w in
                    for y in 0..<sh where needed[y] {
                        let srcRow = y * sw * c, dstRow = y * rowLength
                        for x in 0..<width {
                            let first = wx.first[x], count = wx.count[x], offset = wx.offset[x]
                            for k in 0..<c {
                                var sum = 0.0
                                var at = srcRow + first * c + k
                                for j in 0..<count {
                                    sum += w[offset + j] * Double(src[at])
                                    at += c
                                }
                                dst[dstRow + x * c + k] = sum
                            }
                        }
                    }
                }
            }
        }
        // Vertical pass: height rows × width columns.
        horizontal.withUnsafeBufferPointer { src in
            wy.weights.withUnsafeBufferPointer { w in
                for y in 0..<height {
                    let dstRow = y * rowLength
                    for i in 0..<rowLength { out[dstRow + i] = 0 }
                    for k in 0..<wy.count[y] {
                        let weight = w[wy.offset[y] + k]
                        let srcRow = (wy.first[y] + k) * rowLength
                        for i in 0..<rowLength { out[dstRow + i] += weight * src[srcRow + i] }
                    }
                }
            }
        }
    }
}
