import Foundation
import Logit
import LogitNumerics

/// A disk cache of preprocessed image features, so that a second run over the
/// same folder with the same settings skips decoding.
///
/// Layout, under ``directory``, for each (folder, settings, precision) key K
/// (the SHA-256 of the folder's absolute path, ``ImagePreprocessing/key`` and
/// the precision): `K.json`, the index (one entry per file: path relative to
/// the folder, size, modification time in ns, SHA-256 of the bytes, row), and
/// `K-<uuid>.npy`, the rows as a C-order `n × d` array in the precision
/// trained in, memory-mapped when read.
///
/// A file counts as unchanged when its size and modification time equal the
/// index's (what make and git assume); otherwise its bytes are hashed and the
/// row is reused when the index holds the same content under any name
/// (a renamed or copied file). A changed file is decoded again.
///
/// Concurrent runs are safe: writers hold an exclusive `flock` on `K.lock`,
/// write the .npy and the index to temporary files and rename them into place
/// (the index last, so it never names a missing array); a reader that loses a
/// race with a writer finds no array and counts misses. After a write, the
/// least recently written keys are removed until the cache fits ``maxBytes``.
public struct FeatureCache: Sendable {
    /// The cache folder.
    public var directory: String
    /// The size bound of the whole cache folder, in bytes.
    public var maxBytes: Int

    /// A cache in `directory` (default ``defaultDirectory``) bounded by
    /// `maxBytes` (default 2 GiB).
    public init(directory: String? = nil, maxBytes: Int = 2 << 30) {
        self.directory = directory ?? Self.defaultDirectory
        self.maxBytes = maxBytes
    }

    /// `$LOGIT_CACHE_DIR`, else `$XDG_CACHE_HOME/logit/images`, else
    /// `~/.cache/logit/images`.
    public static var defaultDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["LOGIT_CACHE_DIR"], !dir.isEmpty { return dir }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/logit/images" }
        return NSHomeDirectory() + "/.cache/logit/images"
    }

    /// One file in the index.
    struct Entry: Codable, Sendable {
        var path: String
        var size: Int
        var mtime: Int64
        var sha256: String
        var row: Int
    }

    struct Index: Codable, Sendable {
        static let currentVersion = 1
        var version: Int
        var settings: String
        var precision: String
        var featureCount: Int
        var array: String
        var entries: [Entry]
    }

    /// A read-only view of one key's cached rows.
    final class Snapshot<T: LogitScalar>: @unchecked Sendable {
        let matrix: Matrix<T>
        let byPath: [String: Entry]
        let byHash: [String: Int]

        init(matrix: Matrix<T>, entries: [Entry]) {
            self.matrix = matrix
            var byPath = [String: Entry](), byHash = [String: Int]()
            for e in entries where e.row < matrix.rows {
                byPath[e.path] = e
                byHash[e.sha256] = e.row
            }
            self.byPath = byPath
            self.byHash = byHash
        }
    }

    /// The key of a folder's features under `settings` in precision `T`.
    func key<T: LogitScalar>(root: String, settings: ImagePreprocessing, as _: T.Type) -> String {
        let absolute = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
        return String(SHA256.hex(Array("\(Index.currentVersion)\n\(absolute)\n\(settings.key)\n\(T.precisionName)".utf8)).prefix(32))
    }

    /// The cached rows of `key`, or nil when there are none (or they are unreadable).
    func open<T: LogitScalar>(key: String, settings: ImagePreprocessing, as _: T.Type) -> Snapshot<T>? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + key + ".json"),
              let index = try? JSONDecoder().decode(Index.self, from: data),
              index.version == Index.currentVersion, index.settings == settings.key,
              index.precision == T.precisionName, index.featureCount == settings.featureCount,
              !index.array.contains("/"),
              let matrix = try? NPYLoader.loadMatrix(path: directory + "/" + index.array, as: T.self, memoryMap: true),
              matrix.columns == settings.featureCount else { return nil }
        return Snapshot(matrix: matrix, entries: index.entries)
    }

    /// Replaces the cached rows of `key` by `matrix` and `entries`.
    func store<T: LogitScalar>(key: String, settings: ImagePreprocessing, entries: [Entry], matrix: Matrix<T>) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lockPath = directory + "/" + key + ".lock"
        let fd = Foundation.open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw ImageError(path: lockPath, reason: "cannot create the cache lock file") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw ImageError(path: lockPath, reason: "cannot lock the cache") }
        defer { flock(fd, LOCK_UN) }
        let indexPath = directory + "/" + key + ".json"
        let previous = FileManager.default.contents(atPath: indexPath).flatMap { try? JSONDecoder().decode(Index.self, from: $0) }
        let unique = UUID().uuidString.lowercased()
        let arrayName = "\(key)-\(unique).npy"
        let temporaryArray = directory + "/.\(arrayName).tmp"
        try NPYWriter.write(matrix, to: temporaryArray)
        guard rename(temporaryArray, directory + "/" + arrayName) == 0 else {
            unlink(temporaryArray)
            throw ImageError(path: directory + "/" + arrayName, reason: "cannot write the cache")
        }
        let index = Index(version: Index.currentVersion, settings: settings.key, precision: T.precisionName,
                          featureCount: matrix.columns, array: arrayName, entries: entries)
        let temporaryIndex = directory + "/.\(key)-\(unique).json.tmp"
        try JSONEncoder().encode(index).write(to: URL(fileURLWithPath: temporaryIndex))
        guard rename(temporaryIndex, indexPath) == 0 else {
            unlink(temporaryIndex)
            throw ImageError(path: indexPath, reason: "cannot write the cache index")
        }
        if let old = previous?.array, old != arrayName, !old.contains("/") { unlink(directory + "/" + old) }
        trim(keeping: key)
    }

    /// Removes the oldest keys (index, array, lock) until the folder fits ``maxBytes``.
    func trim(keeping current: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return }
        var total = 0
        var groups = [String: (bytes: Int, date: Date)]()
        for name in names where !name.hasPrefix(".") {
            guard let attributes = try? fm.attributesOfItem(atPath: directory + "/" + name) else { continue }
            let bytes = (attributes[.size] as? Int) ?? 0
            total += bytes
            let key = String(name.prefix(32))
            let date = (attributes[.modificationDate] as? Date) ?? .distantPast
            let old = groups[key] ?? (0, .distantPast)
            groups[key] = (old.bytes + bytes, max(old.date, date))
        }
        guard total > maxBytes else { return }
        for (key, group) in groups.sorted(by: { $0.value.date < $1.value.date }) where key != current {
            for name in names where name.hasPrefix(key) { unlink(directory + "/" + name) }
            total -= group.bytes
            if total <= maxBytes { break }
        }
    }
}
