import Foundation
@testable import Logit
import LogitNumerics
import Testing

@Suite("Synthetic classification data")
struct SyntheticClassificationTests {
    /// FNV-1a over the bit patterns of the elements, then the labels.
    static func fingerprint(_ data: Dataset<Double>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ (value >> UInt64(shift) & 0xFF)) &* 0x100_0000_01B3
            }
        }
        data.features.withUnsafeBufferPointer { for x in $0 { mix(x.bitPattern) } }
        for label in data.labels { mix(UInt64(label)) }
        return hash
    }

    /// Golden values: the same seed must give these bits on every machine and
    /// Swift version (the generator uses only IEEE basic operations). If this
    /// fails after a deliberate change of the algorithm, update the values and
    /// say so in the change.
    @Test func sameSeedSameBitsEverywhere() throws {
        let config = SyntheticClassification(rows: 50, features: 7, classes: 3, separation: 3, noise: 0.5, seed: 2024,
                                             labelAssignment: .random)
        let data = try config.generate(as: Double.self)
        #expect(data.features.row(0).map(\.bitPattern) == Self.goldenFirstRow, "\(data.features.row(0).map(\.bitPattern))")
        #expect(Self.fingerprint(data) == Self.goldenFingerprint, "fingerprint \(Self.fingerprint(data))")
        #expect(Array(data.labels.prefix(10)) == Self.goldenLabels, "\(Array(data.labels.prefix(10)))")
    }

    static let goldenFirstRow: [UInt64] = [
        4604572373287308194, 4608001447542864598, 13832897846029116966, 4598546157534581279,
        13823350827430106600, 13825155289265173300, 4604888548877932176,
    ]
    static let goldenFingerprint: UInt64 = 10228779695967618731
    static let goldenLabels: [Int] = [1, 1, 2, 1, 0, 0, 2, 2, 0, 2]

    @Test func deterministicAndSeedSensitive() throws {
        let config = SyntheticClassification(rows: 300, features: 20, classes: 4, seed: 7)
        let a = try config.generate(as: Double.self), b = try config.generate(as: Double.self)
        #expect(a.features == b.features && a.labels == b.labels)
        var other = config
        other.seed = 8
        #expect(try other.generate(as: Double.self).features != a.features)
        // Float data is the Double data rounded once.
        let f = try config.generate(as: Float.self)
        #expect(f.features.elements == a.features.elements.map { Float($0) })
        #expect(f.labels == a.labels)
    }

    @Test func imageShapesGiveImageSizedRowsAndPixelNames() throws {
        #expect(ImageShape.grey28.featureCount == 784)
        #expect(ImageShape.rgb32.featureCount == 3072)
        #expect(ImageShape.rgb64.featureCount == 12288)
        let data = try SyntheticClassification(rows: 20, image: .grey28, classes: 10, seed: 1).generate(as: Float.self)
        #expect(data.count == 20 && data.featureCount == 784)
        #expect(data.featureNames.first == "pixel_0_0" && data.featureNames[29] == "pixel_1_1")
        #expect(data.featureNames.last == "pixel_27_27")
        #expect(data.classNames == (0..<10).map(String.init))
        let rgb = ImageShape.rgb32.featureNames
        #expect(rgb.count == 3072 && rgb[0] == "pixel_0_0_0" && rgb[4] == "pixel_0_1_1" && rgb.last == "pixel_31_31_2")
        let plain = try SyntheticClassification(rows: 3, features: 2).generate(as: Double.self)
        #expect(plain.featureNames == ["x0", "x1"])
    }

    @Test func labelAssignments() throws {
        let robin = try SyntheticClassification(rows: 10, features: 2, classes: 3).generate(as: Double.self)
        #expect(robin.labels == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
        let random = try SyntheticClassification(rows: 3000, features: 1, classes: 3, seed: 3, labelAssignment: .random)
            .generate(as: Double.self)
        // Each count is Binomial(3000, 1/3): sd ≈ 26, so ±150 is > 5 sd.
        #expect(random.classCounts.allSatisfy { abs($0 - 1000) < 150 }, "\(random.classCounts)")
        let weighted = try SyntheticClassification(rows: 4000, features: 1, classes: 3, seed: 3,
                                                   labelAssignment: .weighted([0.7, 0, 0.3])).generate(as: Double.self)
        // Binomial(4000, 0.3): sd ≈ 29, so ±150 is > 5 sd; class 1 has weight 0.
        #expect(weighted.classCounts[1] == 0)
        #expect(abs(weighted.classCounts[2] - 1200) < 150, "\(weighted.classCounts)")
    }

    /// With no noise, every row is its class mean, and (k ≤ d) every pair of
    /// means is `separation` apart. The distances are sums of d = 30 squares
    /// after Gram–Schmidt, so 1e-12 relative is far above their rounding error.
    @Test(arguments: [(2, 30), (5, 30), (3, 3)])
    func classMeansAreSeparationApart(classes: Int, features: Int) throws {
        let data = try SyntheticClassification(rows: classes, features: features, classes: classes, separation: 2.5,
                                               noise: 0, seed: 4).generate(as: Double.self)
        for a in 0..<classes {
            for b in (a + 1)..<classes {
                let distance = zip(data.features.row(a), data.features.row(b)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    .squareRoot()
                #expect(abs(distance - 2.5) <= 1e-12 * 2.5, "classes \(a), \(b): \(distance)")
            }
        }
    }

    /// Two classes at separation 2 with unit noise: the nearest-mean rule (the
    /// Bayes rule here) is right with probability Φ(1) = 0.8413. Over 20000 rows
    /// the observed rate has sd ≈ 0.0026, so ±0.015 is over 5 sd.
    @Test func bayesAccuracyMatchesTheDocumentedFormula() throws {
        let config = SyntheticClassification(rows: 20000, features: 10, classes: 2, separation: 2, noise: 1, seed: 12)
        let data = try config.generate(as: Double.self)
        let means = try SyntheticClassification(rows: 2, features: 10, classes: 2, separation: 2, noise: 0, seed: 12)
            .generate(as: Double.self).features
        var correct = 0
        for i in 0..<data.count {
            let row = data.features.row(i)
            let d0 = zip(row, means.row(0)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let d1 = zip(row, means.row(1)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            if (d1 < d0 ? 1 : 0) == data.labels[i] { correct += 1 }
        }
        let accuracy = Double(correct) / Double(data.count)
        #expect(abs(accuracy - 0.8413) < 0.015, "accuracy \(accuracy)")
    }

    /// The portable normal sampler: mean 0 and variance 1 over 200000 draws
    /// (standard errors 0.0022 and 0.0032; tolerances are 5 of them), and its
    /// logarithm within 4 ulp of the platform's over (0, 1] (measured: 3).
    @Test func portableGaussianMomentsAndLogarithm() {
        var g = SeededGenerator(seed: 99)
        var sampler = PortableGaussian()
        var sum = 0.0, squares = 0.0
        let n = 200_000
        for _ in 0..<n {
            let z = sampler.next(using: &g)
            sum += z
            squares += z * z
        }
        let mean = sum / Double(n), variance = squares / Double(n) - mean * mean
        #expect(abs(mean) < 0.011 && abs(variance - 1) < 0.016, "mean \(mean), variance \(variance)")
        var worst = 0.0
        for _ in 0..<20000 {
            let x = g.nextUnitInterval() * pow(2, -Double(g.nextIndex(below: 60)))
            guard x > 0 else { continue }
            let exact = Foundation.log(x)
            worst = max(worst, abs(PortableGaussian.log(x) - exact) / exact.ulp)
        }
        #expect(worst <= 4, "worst error \(worst) ulp")
    }

    struct BadConfig: CustomTestStringConvertible, Sendable {
        var config: SyntheticClassification
        var message: String
        var testDescription: String { message }
    }

    static let badConfigs: [BadConfig] = [
        BadConfig(config: .init(rows: 0, features: 3), message: "at least one row"),
        BadConfig(config: .init(rows: 3, features: 0), message: "at least one row and one feature"),
        BadConfig(config: .init(rows: 3, features: 2, classes: 1), message: "at least 2 classes"),
        BadConfig(config: .init(rows: 3, features: 2, separation: -1), message: "separation"),
        BadConfig(config: .init(rows: 3, features: 2, noise: .nan), message: "noise"),
        BadConfig(config: .init(rows: 3, features: 2, classes: 2, labelAssignment: .weighted([1])), message: "class weights"),
        BadConfig(config: .init(rows: 3, features: 2, classes: 2, labelAssignment: .weighted([0, 0])), message: "class weights"),
        BadConfig(config: .init(rows: Int.max / 2, features: 4), message: "too large"),
        BadConfig(config: { var c = SyntheticClassification(rows: 3, image: .grey28); c.features = 5; return c }(),
                  message: "image shape"),
    ]

    @Test(arguments: badConfigs)
    func rejectsBadConfigurations(_ bad: BadConfig) {
        let error = capturedDataError(bad.message) { try bad.config.generate(as: Double.self) }
        #expect(error?.message.contains(bad.message) == true, "\(String(describing: error))")
    }

    @Test func configurationIsCodable() throws {
        let config = SyntheticClassification(rows: 10, image: .rgb32, classes: 3, seed: 5, labelAssignment: .weighted([1, 2, 3]))
        let decoded = try JSONDecoder().decode(SyntheticClassification.self, from: JSONEncoder().encode(config))
        #expect(decoded == config)
    }
}
