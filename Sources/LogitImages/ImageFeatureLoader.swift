import Dispatch
import Foundation
import Logit
import LogitNumerics

/// Decodes, validates and preprocesses image files into feature rows, in
/// parallel and in bounded batches, optionally through a ``FeatureCache``.
///
/// Memory: the output rows, plus per worker thread one file's bytes and
/// pixels (bounded by ``ImageLimits``); ``forEachBatch(paths:as:progress:body:)``
/// holds only ``batchSize`` rows at a time.
public struct ImageFeatureLoader: Sendable {
    /// How files become rows.
    public var preprocessing: ImagePreprocessing
    /// What files are accepted.
    public var limits: ImageLimits
    /// Skip bad files (reported in ``Report/skipped``) instead of failing.
    public var skipInvalid: Bool
    /// Worker threads (default: the active processor count).
    public var threads: Int
    /// Files decoded between progress reports (and, when streaming, rows held).
    public var batchSize: Int
    /// The feature cache, or nil for none (`--no-cache`).
    public var cache: FeatureCache?

    /// A loader.
    public init(preprocessing: ImagePreprocessing, limits: ImageLimits = .standard, skipInvalid: Bool = false,
                threads: Int? = nil, batchSize: Int = 256, cache: FeatureCache? = nil) {
        self.preprocessing = preprocessing
        self.limits = limits
        self.skipInvalid = skipInvalid
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.batchSize = max(1, batchSize)
        self.cache = cache
    }

    /// What a load did.
    public struct Report: Sendable {
        /// Files looked at.
        public var files = 0
        /// Rows produced.
        public var loaded = 0
        /// Files refused (with `skipInvalid`), in file order.
        public var skipped = [ImageError]()
        /// Rows taken from the cache.
        public var cacheHits = 0
        /// Rows decoded (with a cache in use).
        public var cacheMisses = 0
        /// Whether a cache was used.
        public var cacheUsed = false
        /// Wall-clock seconds.
        public var seconds = 0.0

        /// Hits over hits plus misses (0 when nothing was looked up).
        public var hitRate: Double { cacheHits + cacheMisses == 0 ? 0 : Double(cacheHits) / Double(cacheHits + cacheMisses) }
    }

    /// Every bad file of a load that does not skip them.
    public struct Failures: Error, Sendable, CustomStringConvertible {
        /// The refused files, in file order.
        public var errors: [ImageError]
        /// Files looked at.
        public var files: Int

        /// `3 of 120 image files cannot be used:` and one line per file.
        public var description: String {
            "\(errors.count) of \(files) image file\(files == 1 ? "" : "s") cannot be used (--skip-invalid skips them):\n"
                + errors.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    /// The outcome for one file.
    struct Outcome: Sendable {
        var error: ImageError?
        var entry: FeatureCache.Entry?
        var hit = false
    }

    /// The labelled data set of `folder`: one row per usable file, the folder's
    /// class names, feature names `pixel_<row>_<column>[_<channel>]`.
    ///
    /// - Throws: ``Failures`` listing every bad file (unless ``skipInvalid``),
    ///   ``ImageError`` when no file is usable, `DataError` from the data set.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func load<T: LogitScalar>(folder: ImageFolder, as _: T.Type,
                                     progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> (Dataset<T>, Report) {
        let start = Date()
        let paths = folder.entries.map(\.path)
        var report = Report()
        report.files = paths.count
        let key = cache?.key(root: folder.root, settings: preprocessing, as: T.self)
        let snapshot = key.flatMap { cache?.open(key: $0, settings: preprocessing, as: T.self) }
        var matrix = Matrix<T>(rows: paths.count, columns: preprocessing.featureCount)
        var outcomes = [Outcome]()
        outcomes.reserveCapacity(paths.count)
        for batchStart in stride(from: 0, to: paths.count, by: batchSize) {
            let range = batchStart..<min(paths.count, batchStart + batchSize)
            let batch = matrix.withUnsafeMutableBufferPointer { buffer in
                process(paths: paths, range: range, root: folder.root, rowOffset: 0, into: buffer, snapshot: snapshot)
            }
            outcomes += batch
            progress?(range.upperBound, paths.count)
        }
        let errors = outcomes.compactMap(\.error)
        if !errors.isEmpty && !skipInvalid { throw Failures(errors: errors, files: paths.count) }
        report.skipped = errors
        let kept = outcomes.indices.filter { outcomes[$0].error == nil }
        guard !kept.isEmpty else { throw ImageError(path: folder.root, reason: "no usable image file among \(paths.count)") }
        if kept.count < paths.count {
            let full = matrix
            matrix = Matrix<T>(rows: kept.count, columns: preprocessing.featureCount) { i, j in full[kept[i], j] }
        }
        if let cache, let key {
            report.cacheUsed = true
            report.cacheHits = outcomes.filter(\.hit).count
            report.cacheMisses = kept.count - report.cacheHits
            let entries = kept.enumerated().compactMap { row, i -> FeatureCache.Entry? in
                guard var entry = outcomes[i].entry else { return nil }
                entry.row = row
                return entry
            }
            let unchanged = report.cacheMisses == 0 && snapshot?.byPath.count == entries.count
            if !unchanged { try? cache.store(key: key, settings: preprocessing, entries: entries, matrix: matrix) }
        }
        report.loaded = kept.count
        report.seconds = Date().timeIntervalSince(start)
        let labels = kept.map { folder.entries[$0].label }
        let data = try Dataset(features: matrix, labels: labels, featureNames: preprocessing.shape.featureNames,
                               classNames: folder.classNames)
        return (data, report)
    }

    /// Streams `paths` in batches of ``batchSize``: `body` gets each batch's
    /// usable rows, their paths, and the batch's bad files (only with
    /// ``skipInvalid``; otherwise the first bad file throws ``Failures``
    /// naming the bad files of its batch). No cache is used.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func forEachBatch<T: LogitScalar>(paths: [String], as _: T.Type,
                                             progress: (@Sendable (Int, Int) -> Void)? = nil,
                                             body: (Matrix<T>, [String], [ImageError]) throws -> Void) throws -> Report {
        let start = Date()
        var report = Report()
        report.files = paths.count
        for batchStart in stride(from: 0, to: paths.count, by: batchSize) {
            let range = batchStart..<min(paths.count, batchStart + batchSize)
            var matrix = Matrix<T>(rows: range.count, columns: preprocessing.featureCount)
            let outcomes = matrix.withUnsafeMutableBufferPointer { buffer in
                process(paths: paths, range: range, root: nil, rowOffset: batchStart, into: buffer,
                        snapshot: nil as FeatureCache.Snapshot<T>?)
            }
            let errors = outcomes.compactMap(\.error)
            if !errors.isEmpty && !skipInvalid { throw Failures(errors: errors, files: paths.count) }
            report.skipped += errors
            let kept = outcomes.indices.filter { outcomes[$0].error == nil }
            if kept.count < range.count {
                let full = matrix
                matrix = Matrix<T>(rows: kept.count, columns: preprocessing.featureCount) { i, j in full[kept[i], j] }
            }
            report.loaded += kept.count
            progress?(range.upperBound, paths.count)
            if !kept.isEmpty { try body(matrix, kept.map { paths[range.lowerBound + $0] }, errors) }
        }
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// The feature row of one image given as bytes (an upload, a file read
    /// elsewhere); errors name `name`.
    public func features(bytes: [UInt8], name: String) throws(ImageError) -> [Double] {
        let image = try ImageDecoder(limits: limits, jpegLuma: preprocessing.color == .gray).decode(bytes: bytes, path: name)
        return ImagePreprocessor(preprocessing).features(of: image)
    }

    /// Fills rows `range` (of `paths`) into `buffer` at row `index - rowOffset`,
    /// on ``threads`` workers, each taking every `threads`-th file.
    func process<T: LogitScalar>(paths: [String], range: Range<Int>, root: String?, rowOffset: Int,
                                 into buffer: UnsafeMutableBufferPointer<T>,
                                 snapshot: FeatureCache.Snapshot<T>?) -> [Outcome] {
        let d = preprocessing.featureCount
        let preprocessor = ImagePreprocessor(preprocessing)
        let decoder = ImageDecoder(limits: limits, jpegLuma: preprocessing.color == .gray)
        let results = UnsafeMutableBufferPointer<Outcome>.allocate(capacity: range.count)
        results.initialize(repeating: Outcome())
        defer { results.deallocate() }
        nonisolated(unsafe) let out = buffer
        nonisolated(unsafe) let outcomes = results
        let workers = min(threads, range.count)
        let prefix = root.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        let work: @Sendable (Int) -> Void = { worker in
            for index in stride(from: range.lowerBound + worker, to: range.upperBound, by: workers) {
                let row = UnsafeMutableBufferPointer(rebasing: out[((index - rowOffset) * d)..<((index - rowOffset + 1) * d)])
                outcomes[index - range.lowerBound] = Self.one(path: paths[index], prefix: prefix, decoder: decoder,
                                                              preprocessor: preprocessor, row: row, snapshot: snapshot)
            }
        }
        if workers <= 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        return Array(outcomes)
    }

    /// One file: from the cache when its size and time (or its content hash)
    /// are there, else decoded.
    static func one<T: LogitScalar>(path: String, prefix: String?, decoder: ImageDecoder, preprocessor: ImagePreprocessor,
                                    row: UnsafeMutableBufferPointer<T>, snapshot: FeatureCache.Snapshot<T>?) -> Outcome {
        let relative = prefix.flatMap { path.hasPrefix($0) ? String(path.dropFirst($0.count)) : nil } ?? path
        var status = stat()
        let known = stat(path, &status) == 0
        let size = Int(status.st_size)
        let mtime = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        if known, let snapshot, let entry = snapshot.byPath[relative], entry.size == size, entry.mtime == mtime {
            copy(row: entry.row, of: snapshot.matrix, into: row)
            return Outcome(error: nil, entry: entry, hit: true)
        }
        do throws(ImageError) {
            let bytes = try ImageDecoder.readFile(path, maxBytes: decoder.limits.maxFileBytes)
            let hash = prefix == nil ? "" : SHA256.hex(bytes)
            let entry = FeatureCache.Entry(path: relative, size: size, mtime: mtime, sha256: hash, row: 0)
            if let snapshot, let cachedRow = snapshot.byHash[hash] {
                copy(row: cachedRow, of: snapshot.matrix, into: row)
                return Outcome(error: nil, entry: entry, hit: true)
            }
            let image = try decoder.decode(bytes: bytes, path: path)
            preprocessor.write(image, into: row)
            return Outcome(error: nil, entry: entry, hit: false)
        } catch {
            return Outcome(error: error, entry: nil, hit: false)
        }
    }

    static func copy<T: LogitScalar>(row: Int, of matrix: Matrix<T>, into out: UnsafeMutableBufferPointer<T>) {
        matrix.withUnsafeBufferPointer { values in
            let d = out.count
            for j in 0..<d { out[j] = values[row * d + j] }
        }
    }
}
