#if Service
import Dispatch
import Synchronization

/// Runs work with a time limit: the answer is the work's, or 503 `timeout`
/// as soon as the limit passes (the work is cancelled and its result, if it
/// still comes, dropped). The caller is never held past the limit by a slow
/// handler or a slow client body.
///
/// The timer fires on a Dispatch thread of its own, not on the Swift
/// concurrency pool: CPU-bound work (scoring, decoding) can keep every pool
/// thread busy, and a timer waiting for a pool thread would only run after the
/// work, which then won the race and the limit was not kept.
enum Deadline {
    /// The queue every timer fires on. A queue made with a label gets a thread
    /// when it has work ("overcommit"); Dispatch's global queues do not: on
    /// Linux they share their thread limit with the concurrency pool, and a
    /// timer there fired 2-6 s late while the pool was busy (153 s in one CI
    /// run). Serial is enough: a handler only cancels a task and resumes a
    /// continuation.
    private static let timerQueue = DispatchQueue(label: "logit.serve.deadline")

    /// `body`'s result, or ``ServeError`` 503 after `seconds`.
    static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        let work = Task { try await body() }
        let limit = seconds
        // A timer source, not `asyncAfter` with a work item: a cancelled work item stays queued until
        // its deadline and keeps what it captured (the task, and with it the response) alive that long:
        // at 5,000 requests/s and the 10 s default, gigabytes. A cancelled source lets go at once.
        let timer = Timer(DispatchSource.makeTimerSource(queue: timerQueue))
        timer.source.schedule(deadline: .now() + seconds)
        timer.source.setEventHandler {
            work.cancel()
            race.finish(.failure(ServeError(.serviceUnavailable, "timeout",
                                            "the request took longer than the limit of \(limit) s")))
        }
        timer.source.resume()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.wait(continuation)
                Task {
                    let result = await work.result
                    timer.source.cancel()
                    race.finish(result)
                }
            }
        } onCancel: {
            work.cancel()
        }
    }
}

/// A Dispatch timer source carried across tasks: thread-safe (cancel from
/// any thread), but not marked `Sendable`.
private final class Timer: @unchecked Sendable {
    let source: any DispatchSourceTimer
    init(_ source: any DispatchSourceTimer) { self.source = source }
}

/// The first of the work and the timer to finish decides the answer, whether
/// it finishes before or after the caller starts waiting.
private final class Race<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, any Error>?
        var outcome: Result<T, any Error>?
        var resumed = false
    }

    private let state = Mutex(State())

    /// Waits with `continuation` (resumed at once when the race is already decided).
    func wait(_ continuation: CheckedContinuation<T, any Error>) {
        let decided: Result<T, any Error>? = state.withLock { state in
            if let outcome = state.outcome, !state.resumed {
                state.resumed = true
                return outcome
            }
            state.continuation = continuation
            return nil
        }
        if let decided { continuation.resume(with: decided) }
    }

    /// Decides the race with `outcome` unless it is already decided.
    func finish(_ outcome: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = state.withLock { state in
            guard state.outcome == nil else { return nil }
            state.outcome = outcome
            guard let continuation = state.continuation else { return nil }
            state.continuation = nil
            state.resumed = true
            return continuation
        }
        waiting?.resume(with: outcome)
    }
}
#endif
