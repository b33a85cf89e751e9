import Foundation
import Logit
import LogitNumerics
import Testing

/// The committed fuzz corpus (Tests/FuzzCorpus, written by
/// scripts/make_fuzz_corpus.py) through the library parsers: every file is
/// read or refused with an error naming the file, none crashes: `valid-*`
/// files are read, `hostile-*` refused, `edge-*` either. `logit-fuzz` (scripts/fuzz.sh) mutates the same files.
@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FuzzCorpus").path

    static func files(_ kind: String) -> [(name: String, bytes: [UInt8])] {
        let folder = root + "/" + kind
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        return names.map { ($0, Array(FileManager.default.contents(atPath: folder + "/" + $0) ?? Data())) }
    }

    @Test func csvFiles() throws {
        let files = Self.files("csv")
        #expect(files.count >= 10)
        for (name, bytes) in files {
            let result = bytes.withUnsafeBytes { buffer in
                Result { () throws(DataError) in try CSVLoader().load(bytes: buffer, source: name, as: Double.self) }
            }
            switch result {
            case .success(let data):
                #expect(!name.hasPrefix("hostile"), "\(name) was accepted")
                #expect(data.features.elements.allSatisfy { $0.isFinite })
            case .failure(let error):
                #expect(!name.hasPrefix("valid"), "\(name): \(error)")
                #expect(error.file == name)
                #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 }, "raw control bytes: \(error)")
            }
        }
    }

    @Test func npyFiles() throws {
        let files = Self.files("npy")
        #expect(files.count >= 10)
        for (name, bytes) in files {
            let matrix = bytes.withUnsafeBytes { buffer in
                Result { () throws(DataError) in try NPYLoader.loadMatrix(bytes: buffer, source: name, as: Double.self) }
            }
            let labels = bytes.withUnsafeBytes { buffer in
                Result { () throws(DataError) in try NPYLoader.loadRawLabels(bytes: buffer, source: name) }
            }
            if case .failure(let error) = matrix { #expect(error.file == name) }
            if case .failure(let error) = labels { #expect(error.file == name) }
            if name.hasPrefix("valid") {
                #expect((try? matrix.get()) != nil || (try? labels.get()) != nil, "\(name) was refused")
            }
        }
    }

    @Test func modelFiles() throws {
        let files = Self.files("model")
        #expect(files.count >= 10)
        for (name, bytes) in files {
            let decoded = Result { () throws(ModelFileError) in try ModelFile.decode(Data(bytes), file: name) }
            switch decoded {
            case .success(let file):
                #expect(!name.hasPrefix("hostile"), "\(name) was accepted")
                #expect((try? file.model(as: Double.self)) != nil, "\(name)")
            case .failure(let error):
                #expect(!name.hasPrefix("valid"), "\(name): \(error)")
                #expect(error.file == name)
                #expect(!error.description.contains("NSCocoaErrorDomain"))
            }
        }
    }
}
