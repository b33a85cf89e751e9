/// Request id → window slot, for ``DriftMonitor``: an open-addressing hash
/// table with linear probing, sized once (at least twice the window, so at
/// most half full) and never resized.
///
/// `Dictionary<UInt64, Int>` did the same job but was the top cost of
/// recording a request's rows (SipHash per key, a probe sequence through a
/// table of twice the window's size, exclusivity checks): a multiplicative
/// hash and deletion by backward shift (no tombstones, so probe sequences stay
/// short however long the service runs) make an insert and a removal a few
/// nanoseconds each.
struct IDSlotIndex: ~Copyable {
    private let keys: UnsafeMutableBufferPointer<UInt64>
    /// The slot of each entry; −1 marks an empty bucket.
    private let slots: UnsafeMutableBufferPointer<Int>
    private let mask: Int
    private let shift: UInt64

    /// An empty index for at most `capacity` ids at once.
    init(capacity: Int) {
        var bits = 1
        while (1 << bits) < 2 * max(capacity, 1) { bits += 1 }
        keys = .allocate(capacity: 1 << bits)
        keys.initialize(repeating: 0)
        slots = .allocate(capacity: 1 << bits)
        slots.initialize(repeating: -1)
        mask = (1 << bits) - 1
        shift = UInt64(64 - bits)
    }

    deinit {
        keys.deallocate()
        slots.deallocate()
    }

    /// The bucket an id hashes to (Fibonacci hashing: the top bits of id·2⁶⁴/φ).
    @inline(__always)
    private func home(_ id: UInt64) -> Int {
        Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The bucket holding `id`, or the empty bucket where it would go.
    @inline(__always)
    private func bucket(_ id: UInt64) -> Int {
        var b = home(id)
        while slots[b] >= 0 && keys[b] != id { b = (b + 1) & mask }
        return b
    }

    /// The slot recorded for `id`, if any.
    func slot(of id: UInt64) -> Int? {
        let b = bucket(id)
        return slots[b] >= 0 ? slots[b] : nil
    }

    /// Records `id` at `slot`, replacing what `id` had.
    /// - Precondition: fewer ids than the capacity given at creation are in the index.
    mutating func set(_ id: UInt64, slot: Int) {
        let b = bucket(id)
        keys[b] = id
        slots[b] = slot
    }

    /// Removes `id`, if present: the entries after it in its probe run move
    /// back into the gap unless their own home lies after the gap.
    mutating func remove(_ id: UInt64) {
        var gap = bucket(id)
        guard slots[gap] >= 0 else { return }
        var j = gap
        while true {
            j = (j + 1) & mask
            guard slots[j] >= 0 else { break }
            let h = home(keys[j])
            // The entry at j may stay if its home is cyclically in (gap, j].
            let stays = gap <= j ? (gap < h && h <= j) : (gap < h || h <= j)
            if stays { continue }
            keys[gap] = keys[j]
            slots[gap] = slots[j]
            gap = j
        }
        slots[gap] = -1
    }
}
