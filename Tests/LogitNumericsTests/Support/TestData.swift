import LogitNumerics
import Testing

/// Random test operands, seeded so every run and every machine sees the same.
struct TestData {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    /// Uniform values in [-1, 1).
    mutating func vector<T: LogitScalar>(_ count: Int, as: T.Type = T.self) -> [T] {
        (0..<count).map { _ in T(generator.nextUniform(in: -1..<1)) }
    }

    mutating func matrix<T: LogitScalar>(_ rows: Int, _ columns: Int, as: T.Type = T.self) -> Matrix<T> {
        try! Matrix(rows: rows, columns: columns, elements: vector(rows * columns, as: T.self))
    }
}

/// The backends this build has, each with one thread so results are reproducible.
func availableBackends() -> [any NumericBackend] {
    BackendKind.available.map { try! $0.makeBackend(threads: 1) }
}

/// γₙ = n·u / (1 − n·u): the classic bound on the relative error of a sum or dot
/// product of n terms computed in any order, with or without FMA (Higham,
/// "Accuracy and Stability of Numerical Algorithms", §3.1).
func gamma<T: LogitScalar>(_ n: Int, _: T.Type) -> Double {
    let nu = Double(n) * Double(T.unitRoundoff)
    return nu / (1 - nu)
}

/// Expects |actual[i] − expected[i]| ≤ bound[i] for every i, and equal lengths.
func expectWithin<T: LogitScalar>(
    _ actual: [T], _ expected: [Double], bounds: [Double], _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): length \(actual.count) vs \(expected.count)",
            sourceLocation: sourceLocation)
    var failures = 0
    for i in 0..<min(actual.count, expected.count) {
        let error = abs(Double(actual[i]) - expected[i])
        if !(error <= bounds[i]) {
            failures += 1
            if failures <= 3 {
                Issue.record("\(what)[\(i)]: \(actual[i]) vs \(expected[i]), error \(error) > bound \(bounds[i])",
                             sourceLocation: sourceLocation)
            }
        }
    }
}

/// A little slack above a rigorous bound so that a bound of exactly zero (exact
/// arithmetic on small integers) does not reject the subnormal-free exact result.
let tiny = 1e-300
