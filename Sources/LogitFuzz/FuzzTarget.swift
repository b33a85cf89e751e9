import Foundation
import Logit
import LogitNumerics

/// A parser under test: the library entry points that read one kind of
/// untrusted file, run in-process on the bytes of one input. A thrown error
/// is a correct answer ("rejected"); a crash, trap or hang is a bug.
enum FuzzTarget: String, CaseIterable, Sendable {
    case csv, npy, model

    /// What happened to one input.
    enum Outcome: Sendable {
        /// Parsed (and the follow-up steps ran) without error.
        case accepted
        /// A thrown error: a clean refusal.
        case rejected
    }

    /// Runs the parsers of this kind on `bytes`.
    ///
    /// - csv: ``CSVLoader`` in Double and Float, then, on success, the
    ///   scaler and a stratified split (what `train` does next).
    /// - npy: ``NPYLoader`` matrix (Double, Float) and labels from memory,
    ///   label encoding and the scaler.
    /// - model: ``ModelFile/decode(_:file:)``, the model it holds, a
    ///   prediction on a row of ones, and re-encoding.
    func run(_ bytes: [UInt8]) -> Outcome {
        var accepted = false
        switch self {
        case .csv:
            for precision in 0..<2 {
                accepted = bytes.withUnsafeBytes { buffer in
                    do {
                        if precision == 0 {
                            let data = try CSVLoader().load(bytes: buffer, source: "fuzz.csv", as: Double.self)
                            _ = try? StandardScaler.fit(data.features)
                            _ = try? StratifiedSplit(labels: data.labels, testFraction: 0.2, seed: 0,
                                                     classNames: data.classNames)
                        } else {
                            _ = try CSVLoader().load(bytes: buffer, source: "fuzz.csv", as: Float.self)
                        }
                        return true
                    } catch {
                        return false
                    }
                } || accepted
            }
        case .npy:
            accepted = bytes.withUnsafeBytes { buffer in
                var any = false
                if let matrix = try? NPYLoader.loadMatrix(bytes: buffer, source: "fuzz.npy", as: Double.self) {
                    any = true
                    _ = NPYLoader.firstNonFinite(matrix)
                    _ = try? StandardScaler.fit(matrix)
                }
                if (try? NPYLoader.loadMatrix(bytes: buffer, source: "fuzz.npy", as: Float.self)) != nil { any = true }
                if let labels = try? NPYLoader.loadRawLabels(bytes: buffer, source: "fuzz.npy") {
                    any = true
                    _ = LabelEncoder.encode(integers: labels)
                }
                return any
            }
        case .model:
            do {
                let file = try ModelFile.decode(Data(bytes), file: "fuzz.json")
                let model = try file.model(as: Double.self)
                let ones = Matrix<Double>(rows: 1, columns: file.featureCount, repeating: 1)
                _ = try? model.predictProbabilities(ones)
                _ = try? file.encoded()
                accepted = true
            } catch {
                accepted = false
            }
        }
        return accepted ? .accepted : .rejected
    }
}
