/// The rows of a ``DriftMonitor``'s window: a ring of `capacity` slots, each
/// with a row of features, the model's probabilities, a true label when one
/// came back, the time it was recorded and its request id.
///
/// Allocated once, at creation, in raw buffers (not arrays) so that recording
/// a row neither allocates nor pays Swift's uniqueness and exclusivity checks
/// per access: the monitor's lock is what makes access exclusive.
struct DriftWindow: ~Copyable {
    let capacity: Int
    let d: Int
    let k: Int
    private let values: UnsafeMutableBufferPointer<Double>
    private let probabilities: UnsafeMutableBufferPointer<Double>
    private let hasProbabilities: UnsafeMutableBufferPointer<Bool>
    private let labels: UnsafeMutableBufferPointer<Int>
    private let times: UnsafeMutableBufferPointer<UInt64>
    private let ids: UnsafeMutableBufferPointer<UInt64>
    private let hasID: UnsafeMutableBufferPointer<Bool>
    private var slotOfID: IDSlotIndex
    /// The next slot to write.
    private var head = 0
    /// Rows in the window.
    private(set) var count = 0
    /// Rows recorded since creation.
    private(set) var recorded = 0

    init(capacity: Int, features d: Int, classes k: Int) {
        self.capacity = capacity
        self.d = d
        self.k = k
        values = .allocate(capacity: capacity * d)
        values.initialize(repeating: 0)
        probabilities = .allocate(capacity: capacity * k)
        probabilities.initialize(repeating: 0)
        hasProbabilities = .allocate(capacity: capacity)
        hasProbabilities.initialize(repeating: false)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: -1)
        times = .allocate(capacity: capacity)
        times.initialize(repeating: 0)
        ids = .allocate(capacity: capacity)
        ids.initialize(repeating: 0)
        hasID = .allocate(capacity: capacity)
        hasID.initialize(repeating: false)
        slotOfID = IDSlotIndex(capacity: capacity)
    }

    deinit {
        values.deallocate()
        probabilities.deallocate()
        hasProbabilities.deallocate()
        labels.deallocate()
        times.deallocate()
        ids.deallocate()
        hasID.deallocate()
    }

    /// Writes one row into the next slot, evicting the oldest when full.
    /// `row` holds d values (nil only when d = 0), `p` k probabilities or nil.
    mutating func store(row: UnsafePointer<Double>?, probabilities p: UnsafePointer<Double>?, id: UInt64?, time: UInt64) {
        if count == capacity { evict(slot: head) } else { count += 1 }
        let slot = head
        if let row {
            for j in 0..<d { values[slot * d + j] = row[j] }
        }
        if let p {
            for c in 0..<k { probabilities[slot * k + c] = p[c] }
            hasProbabilities[slot] = true
        } else {
            hasProbabilities[slot] = false
        }
        labels[slot] = -1
        times[slot] = time
        if let id {
            // A repeated id: the older row keeps its values but no longer answers to the id.
            if let old = slotOfID.slot(of: id) { hasID[old] = false }
            ids[slot] = id
            hasID[slot] = true
            slotOfID.set(id, slot: slot)
        } else {
            hasID[slot] = false
        }
        head = head + 1 == capacity ? 0 : head + 1
        recorded += 1
    }

    /// Writes n rows (n×d values, n×k probabilities or nil), row i with id
    /// `firstID + i`: one exclusive access to the window for a whole request.
    mutating func store(rows: UnsafePointer<Double>?, count n: Int, probabilities p: UnsafePointer<Double>?,
                        firstID: UInt64?, time: UInt64) {
        for i in 0..<n {
            store(row: rows.map { $0 + i * d }, probabilities: p.map { $0 + i * k },
                  id: firstID.map { $0 &+ UInt64(i) }, time: time)
        }
    }

    /// Attaches a true class to the row with request `id`; false when no row
    /// in the window has it.
    mutating func attach(label: Int, to id: UInt64) -> Bool {
        guard let slot = slotOfID.slot(of: id), hasID[slot], ids[slot] == id else { return false }
        labels[slot] = label
        return true
    }

    private mutating func evict(slot: Int) {
        if hasID[slot] {
            slotOfID.remove(ids[slot])
            hasID[slot] = false
        }
    }

    /// Drops rows recorded more than `limit` nanoseconds before `now` (the oldest are at the tail).
    mutating func dropOlder(than limit: UInt64, now: UInt64) {
        while count > 0 {
            let tail = (head - count + capacity) % capacity
            guard now > times[tail], now - times[tail] > limit else { break }
            evict(slot: tail)
            count -= 1
        }
    }

    /// The window's rows, oldest first (count×d); their probabilities (count×k)
    /// when every row has them, else empty; and (position, label) of the rows
    /// whose labels came back (only with probabilities).
    func copyOut() -> (window: [Double], probabilities: [Double], labelled: [(Int, Int)]) {
        var window = [Double](), probs = [Double](), labelled = [(Int, Int)]()
        window.reserveCapacity(count * d)
        var allProbabilities = true
        for r in 0..<count {
            let slot = (head - count + r + capacity) % capacity
            window.append(contentsOf: values[(slot * d)..<(slot * d + d)])
            allProbabilities = allProbabilities && hasProbabilities[slot]
        }
        if allProbabilities {
            probs.reserveCapacity(count * k)
            for r in 0..<count {
                let slot = (head - count + r + capacity) % capacity
                probs.append(contentsOf: probabilities[(slot * k)..<(slot * k + k)])
                if labels[slot] >= 0 { labelled.append((r, labels[slot])) }
            }
        }
        return (window, probs, labelled)
    }
}
