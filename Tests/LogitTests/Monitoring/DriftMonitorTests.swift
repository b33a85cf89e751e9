import Dispatch
import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Windowed drift monitor")
struct DriftMonitorTests {
    /// A 2-feature, 2-class reference of 200 rows: x₀ uniform-ish in [0, 1), x₁ = 2·x₀.
    private func reference() -> ReferenceSample {
        var random = SeededGenerator(seed: 1)
        var values = [Double](), probabilities = [Double](), labels = [Int]()
        for _ in 0..<200 {
            let x = random.nextUnitInterval()
            values += [x, 2 * x]
            probabilities += [1 - x, x]
            labels.append(x < 0.5 ? 0 : 1)
        }
        return ReferenceSample(featureNames: ["a", "b"], classNames: ["n", "y"], rows: 200, values: values,
                               labels: labels, probabilities: probabilities, sourceRows: 200, seed: 1)
    }

    @Test func windowIsBoundedByCountAndReportMatchesABatchReport() throws {
        let monitor = try DriftMonitor(reference: reference(), capacity: 100)
        var random = SeededGenerator(seed: 2)
        var rows = [[Double]]()
        for i in 0..<150 {
            let x = random.nextUnitInterval() + 0.5
            rows.append([x, 2 * x])
            monitor.record(row: [x, 2 * x], probabilities: [0.5, 0.5], id: UInt64(i))
        }
        #expect(monitor.windowCount == 100 && monitor.totalRecorded == 150)
        let report = try monitor.report()
        let last = rows.suffix(100).flatMap { $0 }
        let batch = try last.withUnsafeBufferPointer {
            try DriftReport(reference: reference(), current: $0, rows: 100,
                            probabilities: [Double](repeating: 0.5, count: 200))
        }
        #expect(report == batch)
        #expect(report.dataset.driftDetected)  // shifted by 0.5: both features drift
        // Labels: an evicted request is refused, a live one accepted and scored.
        #expect(!monitor.recordLabel(1, for: 10))
        #expect(monitor.recordLabel(1, for: 140))
        let labelled = try monitor.report()
        #expect(labelled.quality?.current.rows == 1)
        #expect(labelled.quality?.current.accuracy == 0 || labelled.quality?.current.accuracy == 1)
    }

    /// A batch recorded at once leaves the same window as its rows recorded
    /// one by one: same report, same ids for the labels that come back.
    @Test func batchRecordEqualsRowByRow() throws {
        let one = try DriftMonitor(reference: reference(), capacity: 100)
        let batch = try DriftMonitor(reference: reference(), capacity: 100)
        var random = SeededGenerator(seed: 3)
        var values = [Double](), probabilities = [Double]()
        for _ in 0..<130 {
            let x = random.nextUnitInterval() * 1.5
            values += [x, 2 * x]
            probabilities += [1 - x / 1.5, x / 1.5]
        }
        for i in 0..<130 {
            one.record(row: Array(values[(2 * i)..<(2 * i + 2)]), probabilities: Array(probabilities[(2 * i)..<(2 * i + 2)]),
                       id: 1000 + UInt64(i), now: 7)
        }
        values.withUnsafeBufferPointer { v in
            probabilities.withUnsafeBufferPointer { p in
                // Two requests: 50 rows, then 80.
                batch.record(rows: UnsafeBufferPointer(rebasing: v[0..<100]), probabilities: UnsafeBufferPointer(rebasing: p[0..<100]),
                             firstID: 1000, now: 7)
                batch.record(rows: UnsafeBufferPointer(rebasing: v[100...]), probabilities: UnsafeBufferPointer(rebasing: p[100...]),
                             firstID: 1050, now: 7)
            }
        }
        #expect(batch.totalRecorded == 130 && batch.windowCount == 100)
        for id: UInt64 in [1000, 1029, 1030, 1129, 1130] {
            #expect(one.recordLabel(1, for: id) == batch.recordLabel(1, for: id), "id \(id)")
        }
        #expect(try batch.report(now: 7) == one.report(now: 7))
        #expect(try batch.report(now: 7).quality?.current.rows == 2)
    }

    @Test func windowIsBoundedByAge() throws {
        let monitor = try DriftMonitor(reference: reference(), capacity: 100, maxAge: 10)
        let second: UInt64 = 1_000_000_000
        for i in 0..<20 { monitor.record(row: [0.5, 1], now: UInt64(i) * second) }
        // At t = 25 s, rows recorded at 0…14 s are older than 10 s.
        let report = try monitor.report(now: 25 * second)
        #expect(report.currentRows == 5)
        #expect(report.prediction.isEmpty && report.quality == nil)
    }

    @Test func concurrentWritersLoseNothing() throws {
        let monitor = try DriftMonitor(reference: reference(), capacity: 1000)
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<2000 { monitor.record(row: [Double(i) / 2000, 1], id: UInt64(t * 10000 + i)) }
        }
        #expect(monitor.totalRecorded == 8000 && monitor.windowCount == 1000)
        #expect(try monitor.report().currentRows == 1000)
    }

    @Test func badSettingsAreNamed() {
        #expect(throws: DataError("drift monitor: capacity 0 must be at least 1")) {
            try DriftMonitor(reference: reference(), capacity: 0)
        }
        #expect(throws: DataError("drift: the current data has no rows")) {
            try DriftMonitor(reference: reference()).report()
        }
    }
}
