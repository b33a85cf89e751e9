import Foundation
@testable import Logit
import LogitNumerics
import Testing

@Suite("Synthetic classification data")
struct SyntheticClassificationTests {
    /// Golden values from `scripts/reference/make_synthetic_fixtures.py`, an
    /// independent Python re-implementation of the documented algorithm: the
    /// same configuration must give exactly these bits, in `Double` and in
    /// `Float`, on every machine and Swift version (the generator uses only
    /// IEEE basic operations). If this fails after a deliberate change of the
    /// algorithm, change the script to match, regenerate, and say so.
    @Test(arguments: SyntheticFixture.shared.configurations)
    func sameBitsAsTheIndependentReference(_ reference: SyntheticFixture.Configuration) throws {
        let config = try reference.configuration()
        let double = try config.generate(as: Double.self)
        #expect(double.count == reference.rows && double.featureCount == reference.features)
        #expect(double.labels == reference.labels)
        #expect(double.featureNames == reference.feature_names)
        #expect(double.classNames == (0..<reference.classes).map(String.init))
        let doubleBits = double.features.elements.map(\.bitPattern)
        #expect(doubleBits == reference.doubleBits, "first difference at \(Self.firstDifference(doubleBits, reference.doubleBits))")
        let float = try config.generate(as: Float.self)
        #expect(float.labels == reference.labels)
        let floatBits = float.features.elements.map(\.bitPattern)
        #expect(floatBits == reference.floatBits, "first difference at \(Self.firstDifference(floatBits, reference.floatBits))")
    }

    static func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> String {
        guard a.count == b.count else { return "count \(a.count) vs \(b.count)" }
        guard let i = a.indices.first(where: { a[$0] != b[$0] }) else { return "none" }
        return "element \(i): \(a[i]) vs \(b[i])"
    }

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

/// `Tests/LogitTests/Fixtures/synthetic.json`, written by
/// `scripts/reference/make_synthetic_fixtures.py` (see `scripts/reference/README.md`).
struct SyntheticFixture: Decodable, Sendable {
    struct Assignment: Decodable, Sendable {
        var type: String
        var weights: [Double]?
    }

    struct Image: Decodable, Sendable {
        var height: Int
        var width: Int
        var channels: Int
    }

    struct Configuration: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var rows: Int
        var features: Int
        var classes: Int
        var separation: Double
        var noise: Double
        var seed: UInt64
        var label_assignment: Assignment
        var image: Image?
        var labels: [Int]
        var feature_names: [String]
        var double_bits: [String]
        var float_bits: [String]

        var testDescription: String { name }
        var doubleBits: [UInt64] { double_bits.map { UInt64($0, radix: 16)! } }
        var floatBits: [UInt32] { float_bits.map { UInt32($0, radix: 16)! } }

        /// The same settings as a ``SyntheticClassification``.
        func configuration() throws -> SyntheticClassification {
            let assignment: SyntheticClassification.LabelAssignment
            switch label_assignment.type {
            case "round_robin": assignment = .roundRobin
            case "random": assignment = .random
            case "weighted": assignment = .weighted(try #require(label_assignment.weights))
            default: throw FixtureError("unknown label assignment \(label_assignment.type)")
            }
            if let image {
                let shape = ImageShape(height: image.height, width: image.width, channels: image.channels)
                #expect(shape.featureCount == features)
                return SyntheticClassification(rows: rows, image: shape, classes: classes, separation: separation,
                                               noise: noise, seed: seed, labelAssignment: assignment)
            }
            return SyntheticClassification(rows: rows, features: features, classes: classes, separation: separation,
                                           noise: noise, seed: seed, labelAssignment: assignment)
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    var configurations: [Configuration]

    static let shared: SyntheticFixture = {
        let url = Bundle.module.url(forResource: "synthetic", withExtension: "json", subdirectory: "Fixtures")!
        // A missing or malformed fixture is a broken test target, not a test failure.
        return try! JSONDecoder().decode(SyntheticFixture.self, from: Data(contentsOf: url))
    }()
}
