#if Service
import Dispatch
import Synchronization

/// One timer for many deadlines: the requests in flight register what to do
/// when their limit passes, and remove it when they finish first.
///
/// It holds only the entries in flight (a dictionary by token) and one Dispatch
/// timer source armed for the earliest of them. Adding an entry re-arms the
/// source only when the entry is due before the time it is armed for; when it
/// fires, it runs the entries that are due and re-arms for the earliest left.
/// With one limit for every request (`--timeout`) the source fires about once
/// per limit, however many requests pass, and a request costs two short
/// critical sections. Adding and removing are O(1); a firing is O(entries in
/// flight).
///
/// The source fires on a Dispatch queue of its own, not on the Swift
/// concurrency pool: CPU-bound work (scoring, decoding) can keep every pool
/// thread busy, and a timer waiting for a pool thread would only run after the
/// work, which then won the race and the limit was not kept. A queue made with
/// a label gets a thread when it has work ("overcommit"); Dispatch's global
/// queues do not: on Linux they share their thread limit with the concurrency
/// pool, and a timer there fired 2–6 s late while the pool was busy (153 s in
/// one CI run).
final class DeadlineTimer: Sendable {
    /// What one entry does when its deadline passes.
    typealias Expiry = @Sendable () -> Void

    private struct Entry {
        /// `DispatchTime` nanoseconds.
        var deadline: UInt64
        var expire: Expiry
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var nextToken: UInt64 = 0
        /// When the source will fire (nil: not armed).
        var armedFor: UInt64?
    }

    private let state = Mutex(State())
    private let source: Source

    /// A new timer with its own serial queue.
    init() {
        let source = Source(DispatchSource.makeTimerSource(queue: DispatchQueue(label: "logit.serve.deadline")))
        self.source = source
        source.timer.setEventHandler { [weak self] in self?.fire() }
        source.timer.resume()
    }

    deinit {
        source.timer.cancel()
    }

    /// Runs `expire` once, `seconds` from now, unless ``remove(_:)`` comes first.
    ///
    /// - Returns: the entry's token.
    func add(after seconds: Double, _ expire: @escaping Expiry) -> UInt64 {
        let now = DispatchTime.now().uptimeNanoseconds
        let deadline = now &+ UInt64(max(0, min(seconds, 1e9)) * 1e9)
        return state.withLock { state in
            let token = state.nextToken
            state.nextToken &+= 1
            state.entries[token] = Entry(deadline: deadline, expire: expire)
            if state.armedFor.map({ deadline < $0 }) ?? true {
                arm(deadline, &state)
            }
            return token
        }
    }

    /// Forgets the entry (nothing happens when it already ran or was removed).
    func remove(_ token: UInt64) {
        // The closure (and what it holds) is returned, so it is released outside the lock.
        _ = state.withLock { $0.entries.removeValue(forKey: token) }
    }

    /// How many entries wait (for tests).
    var count: Int { state.withLock { $0.entries.count } }

    /// Runs the entries that are due, and re-arms for the earliest left.
    private func fire() {
        let now = DispatchTime.now().uptimeNanoseconds
        let due: [Expiry] = state.withLock { state in
            var dueTokens: [UInt64] = []
            var earliest: UInt64?
            for (token, entry) in state.entries {
                if entry.deadline <= now {
                    dueTokens.append(token)
                } else if earliest.map({ entry.deadline < $0 }) ?? true {
                    earliest = entry.deadline
                }
            }
            let due = dueTokens.compactMap { state.entries.removeValue(forKey: $0)?.expire }
            state.armedFor = nil
            if let earliest { arm(earliest, &state) }
            return due
        }
        for expire in due { expire() }
    }

    private func arm(_ deadline: UInt64, _ state: inout State) {
        state.armedFor = deadline
        source.timer.schedule(deadline: DispatchTime(uptimeNanoseconds: deadline), leeway: .milliseconds(1))
    }
}

/// The Dispatch timer source: thread-safe (schedule and cancel from any
/// thread), but not marked `Sendable`.
private final class Source: @unchecked Sendable {
    let timer: any DispatchSourceTimer
    init(_ timer: any DispatchSourceTimer) { self.timer = timer }
}
#endif
