#if Service
import Foundation
import Synchronization
import Testing
@testable import LogitServe

/// The request time limit: the answer when the work is in time, 503 when it
/// is not, and nothing of a finished request kept alive until the limit
/// would have passed (a cancelled `asyncAfter` work item did that: at 5,000
/// requests/s and the 10 s default, every response of the last 10 s stayed
/// in memory).
@Suite struct DeadlineTests {
    final class Payload: Sendable {}

    /// What the work saw, written from the work's task and the timer's thread.
    final class Seen: Sendable {
        let started = Mutex<ContinuousClock.Instant?>(nil)
        let cancelledAt = Mutex<ContinuousClock.Instant?>(nil)
    }

    /// The limit is an hour, not a minute: the whole suite's synchronous tests
    /// can keep the concurrency pool busy so long that the work's task starts
    /// after a minute, and the timer rightly wins (125 s in one local run).
    @Test(.timeLimit(.minutes(10))) func finishedWorkIsReleasedAtOnce() async throws {
        let timer = DeadlineTimer()
        weak var released: Payload?
        do {
            let payload = try await Deadline.run(seconds: 3600, timer: timer) { Payload() }
            released = payload
        }
        // Dispatch releases a cancelled timer's handler on its queue: allow it a moment, bounded.
        for _ in 0..<200 where released != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(released == nil, "the result of a finished request is still referenced")
        #expect(timer.count == 0, "a finished request's entry is still in the timer")
    }

    /// Work that would sleep an hour is answered with the 503 `timeout`:
    /// only the timer makes that error, so no wall-clock bound is needed (one
    /// would measure the test runner's scheduling, not the limit).
    @Test(.timeLimit(.minutes(10))) func slowWorkTimesOut() async throws {
        let timer = DeadlineTimer()
        let error = await #expect(throws: ServeError.self) {
            try await Deadline.run(seconds: 0.2, timer: timer) { try await Task.sleep(for: .seconds(3600)); return 1 }
        }
        #expect(error?.status == .serviceUnavailable)
        #expect(try await Deadline.run(seconds: 5, timer: timer) { 42 } == 42)
    }

    /// The limit holds while CPU-bound work fills every thread of the Swift
    /// concurrency pool: the timer cancels the work before those threads
    /// are free again. (On Linux, Dispatch's global queues share their
    /// thread limit with that pool: a timer there fired seconds late, and
    /// after 153 s in one CI run of this suite.)
    @Test(.timeLimit(.minutes(10))) func theLimitHoldsWhileThePoolIsBusy() async throws {
        let timer = DeadlineTimer()
        let clock = ContinuousClock()
        let seen = Seen()
        let call = Task {
            try await Deadline.run(seconds: 0.3, timer: timer) {
                try await withTaskCancellationHandler {
                    seen.started.withLock { $0 = clock.now }
                    try await Task.sleep(for: .seconds(3600))
                } onCancel: {
                    // Runs on the thread that cancels: the timer's.
                    seen.cancelledAt.withLock { $0 = clock.now }
                }
            }
        }
        for _ in 0..<2000 where seen.started.withLock({ $0 }) == nil {
            try await Task.sleep(for: .milliseconds(5))
        }
        let started = try #require(seen.started.withLock { $0 })
        // More spinning tasks than the pool has threads; each stops when the
        // work is cancelled or, at the latest, 10 s from now.
        let spinEnd = clock.now + .seconds(10)
        let spinners = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<spinners {
                group.addTask {
                    while seen.cancelledAt.withLock({ $0 }) == nil, clock.now < spinEnd {}
                }
            }
        }
        let fired = try #require(seen.cancelledAt.withLock { $0 })
        // The limit is 0.3 s and the timer was set before the work started. On
        // Dispatch's global queue it fired 1.9-5.9 s after the start here.
        #expect(fired - started < .seconds(1.5), "the timer fired \(fired - started) after the work started")
        await #expect(throws: ServeError.self) { try await call.value }
    }

    /// One timer serves every request: an entry due sooner than the one the
    /// timer is armed for re-arms it (a short image budget behind an hour-long
    /// limit still fires on time), entries fire in deadline order whatever the
    /// order they came in, and a removed entry never fires.
    @Test(.timeLimit(.minutes(10))) func oneTimerFiresEachEntryAtItsOwnDeadline() async throws {
        let timer = DeadlineTimer()
        let fired = Mutex<[String]>([])
        let long = timer.add(after: 3600) { fired.withLock { $0.append("hour") } }
        let removed = timer.add(after: 0.05) { fired.withLock { $0.append("removed") } }
        _ = timer.add(after: 0.4) { fired.withLock { $0.append("later") } }
        _ = timer.add(after: 0.1) { fired.withLock { $0.append("sooner") } }
        timer.remove(removed)
        #expect(timer.count == 3)
        // Bounded wait: 2000 × 5 ms; the two short entries fire long before.
        for _ in 0..<2000 where fired.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(fired.withLock { $0 } == ["sooner", "later"])
        #expect(timer.count == 1, "only the hour-long entry should wait")
        timer.remove(long)
        #expect(timer.count == 0)
    }
}
#endif
