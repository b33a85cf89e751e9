import Foundation

extension ModelFile {
    /// The sidecar path for a model file: `model.json` → `model.reference.bin`
    /// (any other name gets `.reference.bin` appended).
    public static func referenceSamplePath(forModelAt path: String) -> String {
        let base = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
        return base + ".reference.bin"
    }

    /// Writes the reference sample beside the model file, then the model file
    /// naming it (each atomically: temp file, then rename; the sidecar first,
    /// so a model file never names a sidecar that is not there yet).
    ///
    /// - Throws: ``ModelFileError`` naming the file that could not be written.
    public func write(to path: String, referenceSample sample: ReferenceSample?) throws(ModelFileError) {
        guard let sample else { return try write(to: path) }
        let sidecar = Self.referenceSamplePath(forModelAt: path)
        let bytes = try sample.encoded()
        do {
            try bytes.write(to: URL(fileURLWithPath: sidecar), options: .atomic)
        } catch {
            throw ModelFileError("cannot write the reference sample: \(error.localizedDescription)", file: sidecar)
        }
        var file = self
        file.referenceSample = ReferenceSampleFile(
            file: URL(fileURLWithPath: sidecar).lastPathComponent, rows: sample.rows, features: sample.featureCount,
            classes: sample.classNames.count, checksum: bytes.withUnsafeBytes { ReferenceSampleFile.checksum($0) })
        try file.write(to: path)
    }

    /// Loads and checks the reference sample of the model file read from
    /// `modelPath`.
    ///
    /// - Throws: ``ModelFileError``: the model has no reference sample (written
    ///   before monitoring existed: retrain it), the sidecar is missing, or its
    ///   shape or checksum disagrees with the model file.
    public func loadReferenceSample(modelPath: String) throws(ModelFileError) -> ReferenceSample {
        guard let info = referenceSample else {
            throw ModelFileError("the model has no reference sample (it was written before monitoring existed, or not by `logit train --output`); retrain it with this version of `logit train --output` to monitor drift", file: modelPath)
        }
        let folder = URL(fileURLWithPath: modelPath).deletingLastPathComponent()
        let path = folder.appendingPathComponent(info.file).path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError("cannot read the model's reference sample (named in \(modelPath)): \(error.localizedDescription)", file: path)
        }
        let sample = try ReferenceSample.decode(data, file: path, expected: info)
        guard sample.featureNames == featureNames, sample.classNames == classNames else {
            throw ModelFileError("the reference sample's features or classes differ from the model's", file: path)
        }
        return sample
    }
}
