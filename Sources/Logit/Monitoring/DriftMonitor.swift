import Dispatch
import Foundation

/// A live drift monitor for a service: rows are fed as they arrive (with the
/// model's probabilities and a request id), true labels later by request id,
/// and ``report(options:)`` compares the current window with the model's
/// reference sample at any time.
///
/// The window is bounded by count (the oldest row is overwritten) and, when
/// given, by age (rows older than `maxAge` seconds are dropped). Storage is
/// allocated once, at creation: recording a row copies it into a ring buffer
/// and allocates nothing. Thread-safe: every method takes one lock.
///
/// ```swift
/// let monitor = try DriftMonitor(reference: sample, capacity: 10_000, maxAge: 3600)
/// monitor.record(row: features, probabilities: p, id: requestID)
/// monitor.recordLabel(trueClass, for: requestID)
/// let report = try monitor.report()
/// ```
public final class DriftMonitor: @unchecked Sendable {
    /// The reference the window is compared with.
    public let reference: ReferenceSample
    /// The most rows kept.
    public let capacity: Int
    /// The oldest a row may be, in seconds (nil: no age limit).
    public let maxAge: Double?

    private let lock = NSLock()
    private let d: Int
    private let k: Int
    /// The rows; read and written only under `lock`.
    private var window: DriftWindow

    /// A monitor with an empty window.
    ///
    /// - Parameters:
    ///   - reference: the model's reference sample (with probabilities, for prediction drift).
    ///   - capacity: the most rows in the window (memory: capacity·(d + k + 4) words).
    ///   - maxAge: the oldest a row may be, in seconds; nil for no limit.
    /// - Throws: ``DataError`` for a capacity below 1, a non-positive age, or an empty reference.
    public init(reference: ReferenceSample, capacity: Int = 10_000, maxAge: Double? = nil) throws(DataError) {
        guard capacity > 0 else { throw DataError("drift monitor: capacity \(capacity) must be at least 1") }
        if let maxAge, !(maxAge > 0) { throw DataError("drift monitor: maximum age \(maxAge) s must be positive") }
        guard reference.rows > 0 else { throw DataError("drift monitor: the reference sample has no rows") }
        self.reference = reference
        self.capacity = capacity
        self.maxAge = maxAge
        d = reference.featureCount
        k = reference.classNames.count
        window = DriftWindow(capacity: capacity, features: d, classes: k)
    }

    /// Rows in the window now (after dropping those too old).
    public var windowCount: Int {
        lock.withLock {
            dropOld(now: DispatchTime.now().uptimeNanoseconds)
            return window.count
        }
    }

    /// Rows recorded since creation (including those that left the window).
    public var totalRecorded: Int { lock.withLock { window.recorded } }

    /// Records one row.
    ///
    /// - Parameters:
    ///   - row: d feature values in the reference's column order, original units.
    ///   - probabilities: the model's k class probabilities for it, if computed.
    ///   - id: the request id its label will come back with, if any.
    ///   - now: the time in `DispatchTime` uptime nanoseconds (nil: now).
    /// - Precondition: `row` has d values and `probabilities` k (or is nil).
    /// - Complexity: O(d + k); no allocation.
    public func record(row: UnsafeBufferPointer<Double>, probabilities p: UnsafeBufferPointer<Double>? = nil,
                       id: UInt64? = nil, now: UInt64? = nil) {
        precondition(row.count == d, "a row has \(d) features, got \(row.count)")
        precondition(p == nil || p!.count == k, "a row has \(k) probabilities")
        let time = now ?? DispatchTime.now().uptimeNanoseconds
        lock.withLock { window.store(row: row.baseAddress, probabilities: p?.baseAddress, id: id, time: time) }
    }

    /// Records n rows at once, under one lock and one clock read: row i with
    /// probabilities row i and id `firstID + i` (a request's consecutive ids).
    ///
    /// - Parameters:
    ///   - rows: n×d feature values, row-major, in the reference's column order, original units.
    ///   - probabilities: n×k class probabilities, row-major, if computed.
    ///   - firstID: the id of the first row, if the rows have ids.
    ///   - now: the time in `DispatchTime` uptime nanoseconds (nil: now).
    /// - Precondition: `rows` holds a whole number of rows and `probabilities` k per row.
    /// - Complexity: O(n·(d + k)); no allocation.
    public func record(rows: UnsafeBufferPointer<Double>, probabilities p: UnsafeBufferPointer<Double>? = nil,
                       firstID: UInt64? = nil, now: UInt64? = nil) {
        precondition(d > 0 ? rows.count % d == 0 : rows.isEmpty, "rows hold \(rows.count) values, not rows of \(d)")
        let n = d > 0 ? rows.count / d : 0
        precondition(p == nil || p!.count == n * k, "\(n) rows need \(n * k) probabilities")
        guard n > 0 else { return }
        let time = now ?? DispatchTime.now().uptimeNanoseconds
        lock.withLock {
            window.store(rows: rows.baseAddress, count: n, probabilities: p?.baseAddress, firstID: firstID, time: time)
        }
    }

    /// Records one row given as an array (see ``record(row:probabilities:id:now:)``).
    public func record(row: [Double], probabilities: [Double]? = nil, id: UInt64? = nil, now: UInt64? = nil) {
        row.withUnsafeBufferPointer { r in
            if let probabilities {
                probabilities.withUnsafeBufferPointer { record(row: r, probabilities: $0, id: id, now: now) }
            } else {
                record(row: r, probabilities: nil, id: id, now: now)
            }
        }
    }

    /// Attaches the true class of the row recorded with request `id`.
    ///
    /// - Returns: false when that row has left the window (or never came).
    @discardableResult
    public func recordLabel(_ label: Int, for id: UInt64) -> Bool {
        lock.withLock { window.attach(label: label, to: id) }
    }

    /// Drops rows older than ``maxAge`` (the caller holds the lock).
    private func dropOld(now: UInt64) {
        guard let maxAge else { return }
        window.dropOlder(than: UInt64(maxAge * 1e9), now: now)
    }

    /// The drift report of the window's rows against the reference: every
    /// feature, the prediction (rows recorded with probabilities) and the
    /// quality (rows whose labels came back).
    ///
    /// - Throws: ``DataError`` when the window is empty or holds a non-finite value.
    /// - Complexity: O(d·(m log m + w log w)) for a window of w rows; it copies
    ///   the window out under the lock and computes outside it.
    public func report(options: DriftOptions = DriftOptions(), now: UInt64? = nil) throws(DataError) -> DriftReport {
        let (rows, window, probs, labelled) = lock.withLock { () -> (Int, [Double], [Double], [(Int, Int)]) in
            dropOld(now: now ?? DispatchTime.now().uptimeNanoseconds)
            let (rows, probabilities, labelled) = self.window.copyOut()
            return (self.window.count, rows, probabilities, labelled)
        }
        var report = try window.withUnsafeBufferPointer { (w) throws(DataError) -> DriftReport in
            try DriftReport(reference: reference, current: w, rows: rows,
                            probabilities: probs.isEmpty ? nil : probs, options: options)
        }
        if !labelled.isEmpty, !reference.probabilities.isEmpty {
            var p = [Double]()
            p.reserveCapacity(labelled.count * k)
            for (r, _) in labelled { p.append(contentsOf: probs[(r * k)..<(r * k + k)]) }
            report.quality = LiveQuality(
                classes: reference.classNames,
                current: try .init(labels: labelled.map(\.1), probabilities: p, classCount: k),
                reference: try .init(labels: reference.labels, probabilities: reference.probabilities, classCount: k))
        }
        return report
    }
}
