#if Service
import Dispatch
import Synchronization

/// Runs work with a time limit: the answer is the work's, or 503 `timeout`
/// as soon as the limit passes (the work is cancelled and its result, if it
/// still comes, dropped). The caller is never held past the limit by a slow
/// handler or a slow client body.
///
/// Every request's limit is an entry in one ``DeadlineTimer`` (the service's),
/// not a timer of its own: a Dispatch timer source per request cost a
/// registration with Dispatch's manager thread and a wake-up of that thread
/// per request (about 5% of a 1-row request's CPU time).
enum Deadline {
    /// `body`'s result, or ``ServeError`` 503 after `seconds`, timed by `timer`.
    static func run<T: Sendable>(seconds: Double, timer: DeadlineTimer,
                                 _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let race = Race<T>()
        // The work finishes the race itself: no second task waits for it.
        let work = Task {
            do { race.finish(.success(try await body())) } catch { race.finish(.failure(error)) }
        }
        let limit = seconds
        let entry = timer.add(after: seconds) {
            work.cancel()
            race.finish(.failure(ServeError(.serviceUnavailable, "timeout",
                                            "the request took longer than the limit of \(limit) s")))
        }
        // Whoever wins, the entry goes at once: it holds the task, and with it the response.
        defer { timer.remove(entry) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                race.wait(continuation)
            }
        } onCancel: {
            work.cancel()
        }
    }
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
