import Dispatch
import Foundation

/// Runs a cleanup when the process gets SIGINT or SIGTERM, then dies of that
/// signal (exit status 128 + signal, as the shell expects). Uses Dispatch
/// signal sources, so the cleanup runs on an ordinary queue, not inside a
/// signal handler, and no global state is needed.
///
/// While a `SignalWatch` is active the signals' default action is off;
/// ``cancel()`` (or deinit) restores it.
final class SignalWatch: @unchecked Sendable {
    // @unchecked: the sources are only created in init and cancelled in cancel(),
    // and DispatchSource is thread-safe.
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Watches `signals` (default SIGINT and SIGTERM) and calls `cleanup`
    /// with the signal number on the first one that arrives.
    init(_ signals: [Int32] = [SIGINT, SIGTERM], cleanup: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        let queue = DispatchQueue(label: "logit.signal-watch")
        sources = signals.map { number in
            // The default action would kill the process before the source ran.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                cleanup(number)
                // Die of the signal itself, so the parent sees how the process ended.
                signal(number, SIG_DFL)
                raise(number)
            }
            source.resume()
            return source
        }
    }

    /// Stops watching and restores the signals' default action.
    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }

    deinit { cancel() }
}
