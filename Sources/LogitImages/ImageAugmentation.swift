import Foundation
import Logit
import LogitNumerics

/// Seeded augmentation of preprocessed image rows for training: each row gets
/// ``copies`` extra versions, each mirrored left-right with probability ½
/// (when ``flip``), rotated by an angle uniform in ±``maxRotationDegrees``
/// about the image centre and shifted by whole pixels uniform in
/// ±``maxShift`` on each axis. Off unless asked for (``copies`` = 0).
///
/// Each output pixel samples the source bilinearly at the inverse-transformed
/// position (pixel centres at `i + ½`), the border replicated outside. The
/// random numbers of row `i`, copy `k` come from `SeededGenerator(seed:)` of a
/// mix of ``seed``, `i` and `k`, so the result does not depend on threads or
/// on other rows. Cost: O(copies · n · d · 4).
public struct ImageAugmentation: Sendable, Hashable, Codable {
    /// Extra versions per row.
    public var copies: Int
    /// Mirror left-right with probability ½.
    public var flip: Bool
    /// The largest rotation, in degrees.
    public var maxRotationDegrees: Double
    /// The largest shift, in pixels, on each axis.
    public var maxShift: Int
    /// The seed.
    public var seed: UInt64

    /// Augmentation settings.
    public init(copies: Int, flip: Bool = false, maxRotationDegrees: Double = 0, maxShift: Int = 0, seed: UInt64 = 0) {
        self.copies = max(0, copies)
        self.flip = flip
        self.maxRotationDegrees = abs(maxRotationDegrees)
        self.maxShift = max(0, maxShift)
        self.seed = seed
    }

    /// `data` followed by ``copies`` augmented versions of every row (copy 1
    /// of every row, then copy 2, …), labels repeated.
    ///
    /// - Throws: `DataError` when the rows do not have `shape.featureCount` features.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func augment<T: LogitScalar>(_ data: Dataset<T>, shape: ImageShape) throws -> Dataset<T> {
        guard copies > 0 else { return data }
        guard data.featureCount == shape.featureCount else {
            throw DataError("augmentation: rows have \(data.featureCount) features, the image shape \(shape.height)×\(shape.width)×\(shape.channels) has \(shape.featureCount)")
        }
        let n = data.count, d = data.featureCount
        let source = data.features
        var out = Matrix<T>(rows: n * (copies + 1), columns: d)
        out.withUnsafeMutableBufferPointer { dst in
            source.withUnsafeBufferPointer { src in
                for i in 0..<(n * d) { dst[i] = src[i] }
                for copy in 1...copies {
                    for row in 0..<n {
                        let input = UnsafeBufferPointer(rebasing: src[(row * d)..<((row + 1) * d)])
                        let output = UnsafeMutableBufferPointer(rebasing: dst[((copy * n + row) * d)..<((copy * n + row + 1) * d)])
                        transform(input, into: output, shape: shape, row: row, copy: copy)
                    }
                }
            }
        }
        return try Dataset(features: out, labels: Array((0...copies).map { _ in data.labels }.joined()),
                           featureNames: data.featureNames, classNames: data.classNames)
    }

    /// One augmented version of one row.
    func transform<T: LogitScalar>(_ input: UnsafeBufferPointer<T>, into output: UnsafeMutableBufferPointer<T>,
                                   shape: ImageShape, row: Int, copy: Int) {
        var random = SeededGenerator(seed: seed ^ (UInt64(row) &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(copy) &* 0xBF58_476D_1CE4_E5B9))
        let mirrored = flip && random.nextUnitInterval() < 0.5
        let angle = maxRotationDegrees > 0 ? random.nextUniform(in: -maxRotationDegrees..<maxRotationDegrees) * .pi / 180 : 0
        let dx = maxShift > 0 ? Double(random.nextIndex(below: 2 * maxShift + 1) - maxShift) : 0
        let dy = maxShift > 0 ? Double(random.nextIndex(below: 2 * maxShift + 1) - maxShift) : 0
        let h = shape.height, w = shape.width, c = shape.channels
        let cx = Double(w) / 2, cy = Double(h) / 2
        let cosA = cos(angle), sinA = sin(angle)
        for y in 0..<h {
            for x in 0..<w {
                // Inverse map: undo the shift, then the rotation, then the mirror.
                let px = Double(x) + 0.5 - cx - dx, py = Double(y) + 0.5 - cy - dy
                var sx = cosA * px + sinA * py + cx - 0.5
                let sy = -sinA * px + cosA * py + cy - 0.5
                if mirrored { sx = Double(w - 1) - sx }
                let fx = min(max(sx, 0), Double(w - 1)), fy = min(max(sy, 0), Double(h - 1))
                let x0 = Int(fx), y0 = Int(fy)
                let x1 = min(x0 + 1, w - 1), y1 = min(y0 + 1, h - 1)
                let tx = fx - Double(x0), ty = fy - Double(y0)
                for k in 0..<c {
                    let a = Double(input[(y0 * w + x0) * c + k]), b = Double(input[(y0 * w + x1) * c + k])
                    let e = Double(input[(y1 * w + x0) * c + k]), f = Double(input[(y1 * w + x1) * c + k])
                    let top = a + (b - a) * tx, bottom = e + (f - e) * tx
                    output[(y * w + x) * c + k] = T(top + (bottom - top) * ty)
                }
            }
        }
    }
}
