import Logit
import LogitNumerics
import Testing
@testable import LogitImages

@Suite struct ImageAugmentationTests {
    static let shape = ImageShape(height: 4, width: 5, channels: 1)
    static func data() throws -> Dataset<Double> {
        let values = (0..<40).map { Double($0) / 40 }
        return try Dataset(features: try Matrix(rows: 2, columns: 20, elements: values), labels: [0, 1], classNames: ["a", "b"])
    }

    @Test func offByDefaultAndIdentityWithoutMoves() throws {
        let data = try Self.data()
        #expect(try ImageAugmentation(copies: 0).augment(data, shape: Self.shape).count == 2)
        let same = try ImageAugmentation(copies: 2).augment(data, shape: Self.shape)
        #expect(same.count == 6)
        #expect(same.labels == [0, 1, 0, 1, 0, 1])
        for i in 0..<6 { #expect(same.features.row(i) == data.features.row(i % 2)) }
    }

    /// A flip on every copy: each row mirrored left-right (hand-checked layout).
    @Test func flipMirrorsRows() throws {
        let data = try Self.data()
        let augmented = try ImageAugmentation(copies: 12, flip: true, seed: 3).augment(data, shape: Self.shape)
        let original = data.features.row(0)
        let mirrored = (0..<4).flatMap { y in (0..<5).reversed().map { x in original[y * 5 + x] } }
        let copies = (1...12).map { augmented.features.row($0 * 2) }
        #expect(copies.allSatisfy { $0 == original || $0 == mirrored })
        #expect(copies.contains(mirrored) && copies.contains(original))
    }

    /// A shift moves pixels by whole steps (border replicated); seeded: the same seed, the same rows.
    @Test func shiftsAreWholePixelsAndSeeded() throws {
        let data = try Self.data()
        let a = try ImageAugmentation(copies: 3, maxShift: 1, seed: 9).augment(data, shape: Self.shape)
        let b = try ImageAugmentation(copies: 3, maxShift: 1, seed: 9).augment(data, shape: Self.shape)
        #expect(a.features == b.features)
        let originals = Set(data.features.row(0) + data.features.row(1))
        for i in 2..<8 { #expect(a.features.row(i).allSatisfy { originals.contains($0) }) }
        let rotated = try ImageAugmentation(copies: 1, maxRotationDegrees: 10, seed: 1).augment(data, shape: Self.shape)
        #expect(rotated.features.row(2) != data.features.row(0))
        #expect(rotated.features.row(2).allSatisfy { $0 >= 0 && $0 <= 1 })
    }
}
