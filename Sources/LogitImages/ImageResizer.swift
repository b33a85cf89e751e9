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
    /// One axis's weights: output `i` is `Σ weights[i][k] · source[first[i] + k]`.
    struct AxisWeights {
        var first: [Int]
        var weights: [[Double]]

        init(from n: Int, to m: Int) {
            first = []
            weights = []
            first.reserveCapacity(m)
            weights.reserveCapacity(m)
            if m == n {
                for i in 0..<m { first.append(i); weights.append([1]) }
            } else if m < n {
                let scale = Double(n) / Double(m)
                for i in 0..<m {
                    let lo = Double(i) * scale, hi = Double(i + 1) * scale
                    let j0 = Int(lo.rounded(.down)), j1 = min(n, Int(hi.rounded(.up)))
                    var w = [Double]()
                    for j in j0..<j1 {
                        let overlap = min(hi, Double(j + 1)) - max(lo, Double(j))
                        w.append(max(0, overlap) / scale)
                    }
                    first.append(j0)
                    weights.append(w)
                }
            } else {
                let scale = Double(n) / Double(m)
                for i in 0..<m {
                    let x = min(max((Double(i) + 0.5) * scale - 0.5, 0), Double(n - 1))
                    let j0 = Int(x.rounded(.down))
                    let t = x - Double(j0)
                    first.append(j0)
                    weights.append(j0 + 1 < n ? [1 - t, t] : [1])
                }
            }
        }
    }

    /// `image` resized to `width` × `height`, values in the source's units
    /// (0–255), row-major, channel-last.
    public static func resize(_ image: DecodedImage, width: Int, height: Int) -> [Double] {
        let c = image.channels, sw = image.width, sh = image.height
        let wx = AxisWeights(from: sw, to: width), wy = AxisWeights(from: sh, to: height)
        // Horizontal pass: sh rows × width columns.
        var horizontal = [Double](repeating: 0, count: sh * width * c)
        image.pixels.withUnsafeBufferPointer { src in
            horizontal.withUnsafeMutableBufferPointer { dst in
                for y in 0..<sh {
                    let srcRow = y * sw * c, dstRow = y * width * c
                    for x in 0..<width {
                        let first = wx.first[x]
                        let weights = wx.weights[x]
                        for k in 0..<c {
                            var sum = 0.0
                            for (offset, w) in weights.enumerated() {
                                sum += w * Double(src[srcRow + (first + offset) * c + k])
                            }
                            dst[dstRow + x * c + k] = sum
                        }
                    }
                }
            }
        }
        // Vertical pass: height rows × width columns.
        var out = [Double](repeating: 0, count: height * width * c)
        let rowLength = width * c
        horizontal.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    let first = wy.first[y]
                    for (offset, w) in wy.weights[y].enumerated() {
                        let srcRow = (first + offset) * rowLength, dstRow = y * rowLength
                        for i in 0..<rowLength { dst[dstRow + i] += w * src[srcRow + i] }
                    }
                }
            }
        }
        return out
    }
}
