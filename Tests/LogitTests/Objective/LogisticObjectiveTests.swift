@testable import Logit
import LogitNumerics
import Foundation
import Testing

/// The objective over a row selection with short runs (a shuffled split or
/// fold: an 80% selection has runs of 5 rows on average), whose rows are
/// gathered into blocks before the backend sees them, against the same
/// objective over a copy of the selected rows and against a Double reference
/// written out here.
@Suite struct LogisticObjectiveTests {
    /// The backends to run: each available kind, and the BLAS backend with
    /// each binary pass forced (the blocked gemv pass gathers the most rows).
    static var backends: [String] {
        var names = BackendKind.available.map(\.rawValue)
        #if OpenBLAS
        names += ["blas-fused-rows", "blas-blocked-gemv"]
        #endif
        return names
    }

    static func backend(_ name: String) throws -> any NumericBackend {
        #if OpenBLAS
        if name == "blas-fused-rows" { return try BLASBackend(threads: 1, binaryPass: .fusedRows) }
        if name == "blas-blocked-gemv" { return try BLASBackend(threads: 1, binaryPass: .blockedGemv) }
        #endif
        return try BackendKind(rawValue: name)!.makeBackend(threads: 1)
    }

    /// Seeded selections of 2,000 rows: every run short (80% kept at random),
    /// and short runs between long ones (the gather block is flushed before a
    /// long run, and positions must stay aligned with the labels).
    static func selections() -> [(String, RowSelection)] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let shuffled = (0..<2000).filter { _ in next() < 0.8 }
        let mixed = (0..<2000).filter { i in (300..<900).contains(i) || (1400..<1990).contains(i) || next() < 0.5 }
        return [("80% at random", RowSelection(indices: shuffled)), ("short and long runs", RowSelection(indices: mixed))]
    }

    @Test(arguments: backends, [2, 3])
    func selectionEqualsTheCopiedRows(backend name: String, classes: Int) throws {
        // 37 features: the general passes; 7: rows narrower than one vector (Raisin's width).
        for d in [37, 7] {
            try check(Double.self, backend: name, classes: classes, features: d)
            try check(Float.self, backend: name, classes: classes, features: d)
        }
    }

    func check<T: LogitScalar>(_: T.Type, backend name: String, classes: Int, features d: Int) throws {
        let backend = try Self.backend(name)
        let data = try SyntheticClassification(rows: 2000, features: d, classes: classes, separation: 1, noise: 1, seed: 7)
            .generate(as: T.self)
        let outputs = classes == 2 ? 1 : classes
        let theta = (0..<(outputs * (d + 1))).map { T(Double(($0 * 7919) % 23) / 23 - 0.5) / 4 }
        let l2 = 0.01
        for (what, selection) in Self.selections() {
            let rows = selection.indices
            let labels = rows.map { data.labels[$0] }
            #expect(selection.runs.contains { $0.count < 8 }, "\(what): the selection should have short runs")
            let view = LogisticObjective(x: data.features, labels: labels, sampleWeights: [], classes: classes,
                                         l2: l2, l1: 0, backend: backend, selection: selection)
            let copy = Matrix<T>(rows: rows.count, columns: d) { i, j in data.features[rows[i], j] }
            let copied = LogisticObjective(x: copy, labels: labels, sampleWeights: [], classes: classes,
                                           l2: l2, l1: 0, backend: backend)
            var g1 = [T](repeating: 0, count: theta.count), g2 = g1, g3 = g1
            let v1 = try view.valueAndGradient(theta, &g1)
            let v2 = try copied.valueAndGradient(theta, &g2)
            // Without the loss (most epochs of gradient descent): the binary link
            // then computes its residuals a vector of rows at a time.
            _ = try view.valueAndGradient(theta, &g3, computeLoss: false)
            let reference = Self.reference(x: copy, labels: labels, theta: theta, outputs: outputs, l2: l2)
            // Each gradient component is a sum of n = |selection| terms of
            // products of d + 1 terms in T: Higham's bound γ(n + d + 1)·Σ|terms|/n,
            // doubled for the exponentials' few ulps.
            let u = Double(T.ulpOfOne) / 2
            let gamma = 2 * Double(rows.count + d + 1) * u
            for j in theta.indices {
                let bound = gamma * reference.magnitudes[j] + 8 * u * abs(reference.gradient[j])
                #expect(abs(Double(g1[j]) - reference.gradient[j]) <= bound,
                        "\(name) \(T.self) \(what): gradient[\(j)] \(g1[j]) vs \(reference.gradient[j]) (bound \(bound))")
                #expect(abs(Double(g2[j]) - reference.gradient[j]) <= bound)
                #expect(abs(Double(g3[j]) - reference.gradient[j]) <= bound,
                        "\(name) \(T.self) \(what), d = \(d), no loss: gradient[\(j)] \(g3[j]) vs \(reference.gradient[j])")
            }
            let valueBound = gamma * reference.lossMagnitude + 8 * u * abs(reference.value)
            #expect(abs(v1 - reference.value) <= valueBound, "\(name) \(T.self) \(what): value \(v1) vs \(reference.value)")
            #expect(abs(v2 - reference.value) <= valueBound)
        }
    }

    /// L(θ), ∇L(θ) and Σ|terms| per component, in Double, by the definitions
    /// (sigmoid for one output, softmax for several).
    static func reference<T: LogitScalar>(x: Matrix<T>, labels: [Int], theta: [T], outputs k: Int, l2: Double)
        -> (value: Double, gradient: [Double], magnitudes: [Double], lossMagnitude: Double) {
        let n = x.rows, d = x.columns
        let t = theta.map { Double($0) }
        var gradient = [Double](repeating: 0, count: t.count), magnitudes = gradient
        var loss = 0.0, lossMagnitude = 0.0
        for i in 0..<n {
            var z = (0..<k).map { o in t[k * d + o] + (0..<d).reduce(0.0) { $0 + t[o * d + $1] * Double(x[i, $1]) } }
            var r = [Double](repeating: 0, count: k)
            if k == 1 {
                let y = labels[i] == 1 ? 1.0 : 0.0
                let term = max(z[0], 0) + log1p(exp(-abs(z[0]))) - y * z[0]
                loss += term
                lossMagnitude += abs(term)
                r[0] = 1 / (1 + exp(-z[0])) - y
            } else {
                let largest = z.max()!
                z = z.map { $0 - largest }
                let sum = z.reduce(0) { $0 + exp($1) }
                let term = log(sum) - z[labels[i]]
                loss += term
                lossMagnitude += abs(term)
                for o in 0..<k { r[o] = exp(z[o]) / sum - (o == labels[i] ? 1 : 0) }
            }
            for o in 0..<k {
                for j in 0..<d {
                    gradient[o * d + j] += r[o] * Double(x[i, j])
                    magnitudes[o * d + j] += abs(r[o] * Double(x[i, j]))
                }
                gradient[k * d + o] += r[o]
                magnitudes[k * d + o] += abs(r[o])
            }
        }
        var squares = 0.0
        for j in 0..<(k * d) {
            gradient[j] = gradient[j] / Double(n) + l2 * t[j]
            magnitudes[j] = magnitudes[j] / Double(n) + abs(l2 * t[j])
            squares += t[j] * t[j]
        }
        for j in (k * d)..<(k * d + k) {
            gradient[j] /= Double(n)
            magnitudes[j] /= Double(n)
        }
        return (loss / Double(n) + l2 / 2 * squares, gradient, magnitudes, lossMagnitude / Double(n) + l2 / 2 * squares)
    }
}
