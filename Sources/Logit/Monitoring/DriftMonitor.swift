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
    private var values: [Double]
    private var probabilities: [Double]
    private var hasProbabilities: [Bool]
    private var labels: [Int]
    private var times: [UInt64]
    private var ids: [UInt64]
    private var hasID: [Bool]
    private var slotOfID: [UInt64: Int]
    private var head = 0  // the next slot to write
    private var count = 0
    private var recorded = 0

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
        values = [Double](repeating: 0, count: capacity * d)
        probabilities = [Double](repeating: 0, count: capacity * k)
        hasProbabilities = [Bool](repeating: false, count: capacity)
        labels = [Int](repeating: -1, count: capacity)
        times = [UInt64](repeating: 0, count: capacity)
        ids = [UInt64](repeating: 0, count: capacity)
        hasID = [Bool](repeating: false, count: capacity)
        slotOfID = [UInt64: Int](minimumCapacity: 2 * capacity)
    }

    /// Rows in the window now (after dropping those too old).
    public var windowCount: Int {
        lock.withLock {
            dropOld(now: DispatchTime.now().uptimeNanoseconds)
            return count
        }
    }

    /// Rows recorded since creation (including those that left the window).
    public var totalRecorded: Int { lock.withLock { recorded } }

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
        lock.withLock { store(row: row.baseAddress, probabilities: p?.baseAddress, id: id, time: time) }
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
            for i in 0..<n {
                store(row: rows.baseAddress.map { $0 + i * d }, probabilities: p?.baseAddress.map { $0 + i * k },
                      id: firstID.map { $0 &+ UInt64(i) }, time: time)
            }
        }
    }

    /// One row into the ring (the caller holds the lock).
    private func store(row: UnsafePointer<Double>?, probabilities p: UnsafePointer<Double>?, id: UInt64?, time: UInt64) {
        if count == capacity { evict(slot: head) } else { count += 1 }
        let slot = head
        if let row {
            values.withUnsafeMutableBufferPointer { v in
                for j in 0..<d { v[slot * d + j] = row[j] }
            }
        }
        if let p {
            probabilities.withUnsafeMutableBufferPointer { q in
                for c in 0..<k { q[slot * k + c] = p[c] }
            }
            hasProbabilities[slot] = true
        } else {
            hasProbabilities[slot] = false
        }
        labels[slot] = -1
        times[slot] = time
        if let id {
            if let old = slotOfID[id], hasID[old], ids[old] == id { hasID[old] = false }
            ids[slot] = id
            hasID[slot] = true
            slotOfID[id] = slot
        } else {
            hasID[slot] = false
        }
        head = head + 1 == capacity ? 0 : head + 1
        recorded += 1
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
        lock.withLock {
            guard let slot = slotOfID[id], hasID[slot], ids[slot] == id else { return false }
            labels[slot] = label
            return true
        }
    }

    private func evict(slot: Int) {
        if hasID[slot] {
            if slotOfID[ids[slot]] == slot { slotOfID.removeValue(forKey: ids[slot]) }
            hasID[slot] = false
        }
    }

    /// Drops rows older than ``maxAge`` (the oldest are at the tail of the ring).
    private func dropOld(now: UInt64) {
        guard let maxAge else { return }
        let limit = UInt64(maxAge * 1e9)
        while count > 0 {
            let tail = (head - count + capacity) % capacity
            guard now > times[tail], now - times[tail] > limit else { break }
            evict(slot: tail)
            count -= 1
        }
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
            var window = [Double](), probs = [Double](), labelled = [(Int, Int)]()
            window.reserveCapacity(count * d)
            var allProbabilities = true
            for r in 0..<count {
                let slot = (head - count + r + capacity) % capacity
                window.append(contentsOf: values[(slot * d)..<(slot * d + d)])
                allProbabilities = allProbabilities && hasProbabilities[slot]
            }
            if allProbabilities {
                for r in 0..<count {
                    let slot = (head - count + r + capacity) % capacity
                    probs.append(contentsOf: probabilities[(slot * k)..<(slot * k + k)])
                    if labels[slot] >= 0 { labelled.append((r, labels[slot])) }
                }
            }
            return (count, window, probs, labelled)
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
