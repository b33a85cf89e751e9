#if Service
import Synchronization

/// The most recent image predictions of one model, by the SHA-256 of the
/// image's bytes: the same file uploaded again is answered without decoding.
/// Bounded (least recently inserted entries go first), thread-safe; one cache
/// per ``LoadedModel``, so a reload can never answer from the old model.
final class PredictionCache: Sendable {
    /// A cached answer: the class index and the probabilities.
    struct Entry: Sendable {
        var label: Int
        var probabilities: [Double]
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
        var head = 0
    }

    /// The most entries kept.
    let capacity: Int
    private let state = Mutex(State())

    /// A cache of at most `capacity` entries (0: caching off).
    init(capacity: Int) { self.capacity = max(0, capacity) }

    /// The cached answer for `key`.
    func get(_ key: String) -> Entry? {
        capacity == 0 ? nil : state.withLock { $0.entries[key] }
    }

    /// Remembers `entry` for `key`, evicting the oldest entry when full.
    func put(_ key: String, _ entry: Entry) {
        guard capacity > 0 else { return }
        state.withLock { state in
            if state.entries.updateValue(entry, forKey: key) != nil { return }
            if state.order.count < capacity {
                state.order.append(key)
            } else {
                // a ring over the insertion order: O(1) per insert
                state.entries[state.order[state.head]] = nil
                state.order[state.head] = key
                state.head = (state.head + 1) % capacity
            }
        }
    }

    /// How many answers are cached.
    var count: Int { state.withLock { $0.entries.count } }
}
#endif
