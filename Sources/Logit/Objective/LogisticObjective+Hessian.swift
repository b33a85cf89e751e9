import LogitNumerics
import RealModule

extension LogisticObjective {
    /// The Hessian's order p = k′·(d+1).
    var hessianOrder: Int { outputs * (features + 1) }

    /// Position of θ's element `j` (weights then biases) in the Hessian's
    /// ordering, which keeps each output's [w_c, b_c] together so that every
    /// (c, c′) block is X̃ᵀDX̃ with X̃ = [X, 1].
    func hessianIndex(ofParameter j: Int) -> Int {
        let d = features
        if j < outputs * d { return (j / d) * (d + 1) + j % d }
        return (j - outputs * d) * (d + 1) + d
    }

    /// Writes the upper triangle of ∇²L(θ) (p×p, in ``hessianIndex(ofParameter:)``
    /// order) into `hessian`:
    ///
    ///     H_(c,c′) = (1/n)·Σᵢ sᵢ·pᵢc·(δcc′ − pᵢc′)·x̃ᵢx̃ᵢᵀ + λ₂·δcc′·diag(1, …, 1, 0)
    ///
    /// Rows are processed in blocks: scores by gemv/gemm, diagonal blocks by
    /// syrk on √(weight)-scaled rows, off-diagonal blocks by gemm.
    mutating func hessian(_ theta: [T], into hessian: inout Matrix<T>, blockRows: Int) throws(TrainingError) {
        let n = x.rows, d = features, k = outputs, e = d + 1
        precondition(hessian.rows == hessianOrder && hessian.columns == hessianOrder)
        var extended = Matrix<T>(rows: blockRows, columns: e)
        var scaled = Matrix<T>(rows: blockRows, columns: e)
        var scores = Matrix<T>(rows: blockRows, columns: k)
        var blockProduct = Matrix<T>(rows: k > 1 ? e : 0, columns: k > 1 ? e : 0)
        let weights = try! Matrix<T>(rows: k, columns: d, elements: theta[0..<(k * d)])
        let scale = 1 / T(max(n, 1))
        hessian.withUnsafeMutableBufferPointer { h in h.update(repeating: 0) }
        do {
            var start = 0
            while start < n {
                let m = min(blockRows, n - start)
                let block = x.rows(start..<start + m)
                // X̃ = [X_b, 1] and the scores W·xᵢ + b.
                extended.withUnsafeMutableMatrix { ext in
                    block.withUnsafeMatrix { src in
                        for i in 0..<m {
                            ext.row(i).baseAddress!.update(from: src.row(i).baseAddress!, count: d)
                            ext[i, d] = 1
                        }
                    }
                }
                // Only the last block is shorter; resizing then keeps gemm's output unshared.
                if scores.rows != m { scores = Matrix<T>(rows: m, columns: k) }
                try backend.gemm(.noTranspose, .transpose, block, weights, &scores)
                // Probabilities in place.
                scores.withUnsafeMutableMatrix { sm in
                    for i in 0..<m {
                        let row = sm.row(i)
                        if k == 1 {
                            let z = row[0] + theta[k * d]
                            let ez = T.exp(-abs(z))
                            row[0] = z >= 0 ? 1 / (1 + ez) : ez / (1 + ez)
                        } else {
                            var largest = -T.infinity
                            for c in 0..<k { row[c] += theta[k * d + c]; largest = max(largest, row[c]) }
                            var sum: T = 0
                            for c in 0..<k { row[c] = T.exp(row[c] - largest); sum += row[c] }
                            for c in 0..<k { row[c] /= sum }
                        }
                    }
                }
                let ext = extended.rows(0..<m)
                for c in 0..<k {
                    for c2 in c..<k {
                        // Row weights of block (c, c2); √ of them for the symmetric diagonal blocks.
                        scaled.withUnsafeMutableMatrix { out in
                            ext.withUnsafeMatrix { src in
                                for i in 0..<m {
                                    let sw: T = sampleWeights.isEmpty ? 1 : sampleWeights[start + i]
                                    let pc = scores[i, c], pc2 = scores[i, c2]
                                    let weight = c == c2 ? sw * pc * (1 - pc) : -sw * pc * pc2
                                    let factor = c == c2 ? weight.squareRoot() : weight
                                    let target = out.row(i), source = src.row(i)
                                    for j in 0..<e { target[j] = factor * source[j] }
                                }
                            }
                        }
                        let a = scaled.rows(0..<m)
                        if k == 1 {
                            try backend.syrk(.transpose, alpha: scale, a, beta: 1, &hessian)
                        } else {
                            if c == c2 {
                                try backend.syrk(.transpose, alpha: scale, a, beta: 0, &blockProduct)
                            } else {
                                try backend.gemm(.transpose, .noTranspose, alpha: scale, a, ext, beta: 0, &blockProduct)
                            }
                            hessian.withUnsafeMutableMatrix { hm in
                                for r in 0..<e {
                                    for col in (c == c2 ? r : 0)..<e {
                                        hm[c * e + r, c2 * e + col] += blockProduct[r, col]
                                    }
                                }
                            }
                        }
                    }
                }
                start += m
            }
        } catch {
            throw .numericFailure(error.description)
        }
        hessian.withUnsafeMutableMatrix { hm in
            for c in 0..<k {
                for j in 0..<d { hm[c * e + j, c * e + j] += l2 }
            }
            // Softmax does not change when every bias moves by the same amount and
            // the bias is not penalized, so H is singular along u = (1, …, 1) on the
            // biases. ∇L has no component along u (Σ_c ∂L/∂b_c = 0), so adding the
            // projector uuᵀ/k makes H positive definite without changing the step.
            if k > 1 {
                for c in 0..<k {
                    for c2 in c..<k { hm[c * e + d, c2 * e + d] += 1 / T(k) }
                }
            }
        }
    }
}
