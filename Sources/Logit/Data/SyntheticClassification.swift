import LogitNumerics

/// A seeded generator of classification data of any size, including image
/// sizes (28×28, 32×32×3, 64×64×3), for tests and benchmarks.
///
/// Model: k class means μ₀ … μₖ₋₁ in ℝᵈ at distance ``separation`` from each
/// other, and each row x = μ_c + ``noise`` · z with z standard normal in every
/// coordinate. When k ≤ d the means are (separation / √2) · uᵢ for orthonormal
/// random directions uᵢ, so every pair of means is exactly `separation` apart;
/// when k > d the directions are random unit vectors and the distances are
/// about `separation`. For two classes the best possible accuracy (Bayes) is
/// Φ(separation / (2 · noise)): for example 0.841 for separation 2 and noise 1.
///
/// The same configuration gives the same data, bit for bit, on every machine:
/// all randomness comes from `SeededGenerator` through a libm-free normal
/// sampler, and values are computed in `Double` then rounded to `T`.
///
/// - Complexity: O(rows × features), filled row by row straight into the matrix;
///   about 1 s for 100000 × 784 in a release build (one core).
public struct SyntheticClassification: Sendable, Hashable, Codable {
    /// How rows are given classes.
    public enum LabelAssignment: Sendable, Hashable, Codable {
        /// Row i has class i mod k: classes as balanced as possible, interleaved.
        case roundRobin
        /// Each row's class is drawn uniformly at random.
        case random
        /// Each row's class is drawn with probability proportional to its weight
        /// (k non-negative weights, not all zero): imbalanced data.
        case weighted([Double])
    }

    /// The number of rows (samples), n ≥ 1.
    public var rows: Int
    /// The number of features, d ≥ 1.
    public var features: Int
    /// The number of classes, k ≥ 2.
    public var classes: Int
    /// The distance between class means (≥ 0; larger is easier).
    public var separation: Double
    /// The standard deviation of the noise in every coordinate (≥ 0).
    public var noise: Double
    /// The seed of the generator.
    public var seed: UInt64
    /// How rows are given classes.
    public var labelAssignment: LabelAssignment
    /// The image shape, when the features are an image (for feature names).
    public var image: ImageShape?

    /// A configuration with `features` plain features named `x0`, `x1`, ….
    public init(rows: Int, features: Int, classes: Int = 2, separation: Double = 2, noise: Double = 1,
                seed: UInt64 = 0, labelAssignment: LabelAssignment = .roundRobin) {
        self.rows = rows
        self.features = features
        self.classes = classes
        self.separation = separation
        self.noise = noise
        self.seed = seed
        self.labelAssignment = labelAssignment
        self.image = nil
    }

    /// A configuration whose rows are flattened images of `image`'s shape
    /// (for example ``ImageShape/grey28`` for 784 features), with pixel
    /// feature names.
    public init(rows: Int, image: ImageShape, classes: Int = 10, separation: Double = 2, noise: Double = 1,
                seed: UInt64 = 0, labelAssignment: LabelAssignment = .roundRobin) {
        self.init(rows: rows, features: image.featureCount, classes: classes, separation: separation, noise: noise,
                  seed: seed, labelAssignment: labelAssignment)
        self.image = image
    }

    /// Generates the data set: an n×d matrix, labels in `0..<k`, feature names
    /// (`x0`… or pixel names) and class names `"0"`, `"1"`, ….
    ///
    /// - Throws: ``DataError`` for a non-positive size, fewer than two classes,
    ///   a negative or non-finite separation or noise, an image shape that does
    ///   not match `features`, or class weights of the wrong count, negative or
    ///   all zero.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func generate<T: LogitScalar>(as _: T.Type = T.self) throws(DataError) -> Dataset<T> {
        try validate()
        var generator = SeededGenerator(seed: seed)
        var gaussian = PortableGaussian()
        let means = classMeans(&generator, &gaussian)
        let labels = assignLabels(&generator)
        let d = features, sigma = noise
        let matrix = UninitializedMatrix.make(rows: rows, columns: d) { (out: UnsafeMutablePointer<T>) in
            means.withUnsafeBufferPointer { means in
                for i in 0..<rows {
                    let row = out + i * d
                    let mean = means.baseAddress! + labels[i] * d
                    for j in 0..<d { row[j] = T(mean[j] + sigma * gaussian.next(using: &generator)) }
                }
            }
        }
        return try Dataset(features: matrix, labels: labels, featureNames: image?.featureNames,
                           classNames: (0..<classes).map { String($0) })
    }

    private func validate() throws(DataError) {
        guard rows >= 1, features >= 1 else {
            throw DataError("synthetic data needs at least one row and one feature, not \(rows)×\(features)")
        }
        let (_, overflow) = rows.multipliedReportingOverflow(by: features)
        guard !overflow else { throw DataError("synthetic data of \(rows)×\(features) is too large") }
        guard classes >= 2 else { throw DataError("synthetic data needs at least 2 classes, not \(classes)") }
        guard separation.isFinite, separation >= 0 else {
            throw DataError("separation must be finite and non-negative, not \(separation)")
        }
        guard noise.isFinite, noise >= 0 else { throw DataError("noise must be finite and non-negative, not \(noise)") }
        if let image {
            guard image.height > 0, image.width > 0, image.channels > 0, image.featureCount == features else {
                throw DataError("image shape \(image.height)×\(image.width)×\(image.channels) does not give \(features) features")
            }
        }
        if case .weighted(let weights) = labelAssignment {
            guard weights.count == classes, weights.allSatisfy({ $0.isFinite && $0 >= 0 }),
                  weights.contains(where: { $0 > 0 }) else {
                throw DataError("class weights must be \(classes) finite non-negative numbers, not all zero: \(weights)")
            }
        }
    }

    /// k×d class means, row-major: (separation/√2)·uᵢ for orthonormal uᵢ
    /// (Gram–Schmidt, twice, on normal vectors) when k ≤ d, else unit vectors.
    private func classMeans(_ generator: inout SeededGenerator, _ gaussian: inout PortableGaussian) -> [Double] {
        let k = classes, d = features
        var u = [Double](repeating: 0, count: k * d)
        for c in 0..<k {
            while true {
                for j in 0..<d { u[c * d + j] = gaussian.next(using: &generator) }
                if k <= d {
                    for _ in 0..<2 {
                        for p in 0..<c {
                            var dot = 0.0
                            for j in 0..<d { dot += u[c * d + j] * u[p * d + j] }
                            for j in 0..<d { u[c * d + j] -= dot * u[p * d + j] }
                        }
                    }
                }
                var norm = 0.0
                for j in 0..<d { norm += u[c * d + j] * u[c * d + j] }
                norm = norm.squareRoot()
                // Degenerate draws (a zero vector) are essentially impossible; draw again.
                guard norm > 1e-8 else { continue }
                for j in 0..<d { u[c * d + j] /= norm }
                break
            }
        }
        let scale = separation / 2.0.squareRoot()
        return u.map { $0 * scale }
    }

    /// The class of every row.
    private func assignLabels(_ generator: inout SeededGenerator) -> [Int] {
        switch labelAssignment {
        case .roundRobin:
            return (0..<rows).map { $0 % classes }
        case .random:
            return (0..<rows).map { _ in generator.nextIndex(below: classes) }
        case .weighted(let weights):
            let total = weights.reduce(0, +)
            var cumulative = [Double]()
            var sum = 0.0
            for w in weights { sum += w; cumulative.append(sum / total) }
            return (0..<rows).map { _ in
                let u = generator.nextUnitInterval()
                return cumulative.firstIndex(where: { u < $0 && $0 > 0 }) ?? (weights.lastIndex(where: { $0 > 0 })!)
            }
        }
    }
}
