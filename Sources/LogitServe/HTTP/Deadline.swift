#if Service
import Synchronization

/// Runs work with a time limit: the answer is the work's, or 503 `timeout`
/// as soon as the limit passes (the work is cancelled and its result, if it
/// still comes, dropped). The caller is never held past the limit by a slow
/// handler or a slow client body.
enum Deadline {
    /// `body`'s result, or ``ServeError`` 503 after `seconds`.
    static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = Once<T>()
        let work = Task { try await body() }
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            if Task.isCancelled { return }
            work.cancel()
            once.slot.withLock { $0.take() }?.resume(throwing: ServeError(
                .serviceUnavailable, "timeout", "the request took longer than the limit of \(seconds) s (--timeout)"))
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.slot.withLock { $0 = continuation }
                Task {
                    let result = await work.result
                    timer.cancel()
                    once.slot.withLock { $0.take() }?.resume(with: result)
                }
            }
        } onCancel: {
            work.cancel()
        }
    }
}

/// The continuation that the first of the work and the timer resumes.
private final class Once<T: Sendable>: Sendable {
    let slot = Mutex<CheckedContinuation<T, any Error>?>(nil)
}
#endif
