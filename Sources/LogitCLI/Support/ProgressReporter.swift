import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of training and tuning on standard error: a redrawn bar (step,
/// objective, ETA) on a terminal, a few plain lines when standard error is not
/// a terminal (a log, a pipe), nothing with `--quiet`.
///
/// Safe to call from several threads (cross-validation folds finish on worker
/// threads).
final class ProgressReporter: Sendable {
    /// How progress is shown.
    enum Mode: Sendable, Equatable {
        /// A bar redrawn in place (`\r`), at most every 50 ms.
        case bar
        /// A line at the first step, at every tenth of the way, and at the end.
        case lines
        /// Nothing.
        case none

        /// `.none` when quiet, `.bar` when standard error is a terminal, `.lines` otherwise.
        static func automatic(quiet: Bool) -> Mode {
            if quiet { return .none }
            return isatty(STDERR_FILENO) != 0 ? .bar : .lines
        }
    }

    private struct State {
        var start: ContinuousClock.Instant
        var lastDraw: ContinuousClock.Instant?
        var nextDecile = 0
        var drawn = false
        /// The last step reported, its total and objective, and whether a line showed it.
        var last: (step: Int, total: Int, objective: Double?)?
        var lastShown = false
    }

    let mode: Mode
    /// What is running ("training", "tuning").
    let task: String
    /// What a step is ("epoch", "iteration", "fold", "training").
    let unit: String
    private let output: @Sendable (String) -> Void
    private let clock = ContinuousClock()
    private let state: Mutex<State>

    /// A reporter writing to `output` (standard error by default).
    init(mode: Mode, task: String, unit: String,
         output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.mode = mode
        self.task = task
        self.unit = unit
        self.output = output
        state = Mutex(State(start: ContinuousClock().now))
    }

    /// Reports that `step` of at most `total` steps is done.
    func update(step: Int, total: Int, objective: Double? = nil) {
        guard mode != .none else { return }
        let now = clock.now
        let text: String? = state.withLock { state in
            state.last = (step, total, objective)
            state.lastShown = false
            let elapsed = Self.seconds(now - state.start)
            let eta = Self.estimatedRemaining(step: step, total: total, elapsed: elapsed)
            switch mode {
            case .none:
                return nil
            case .lines:
                let decile = total > 0 ? step * 10 / total : 10
                guard step == 1 || decile >= state.nextDecile || step == total else { return nil }
                state.nextDecile = decile + 1
                state.drawn = true
                state.lastShown = true
                return "\(task): \(unit) \(step)/\(total)\(objective.map { ", objective \(Self.number($0))" } ?? ""), elapsed \(Self.duration(elapsed))\(eta.map { ", ETA \(Self.duration($0))" } ?? "")\n"
            case .bar:
                if let last = state.lastDraw, step < total, Self.seconds(now - last) < 0.05 { return nil }
                state.lastDraw = now
                state.drawn = true
                let fraction = total > 0 ? min(1, Double(step) / Double(total)) : 1
                let width = 24, filled = Int((fraction * Double(width)).rounded(.down))
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                return "\r\u{1B}[2K\(task) [\(bar)] \(unit) \(step)/\(total)\(objective.map { "  objective \(Self.number($0))" } ?? "")\(eta.map { "  ETA \(Self.duration($0))" } ?? "")"
            }
        }
        if let text { output(text) }
    }

    /// Ends the progress display: clears the bar (the results follow on clean
    /// lines), or prints the last step as a line if no line showed it.
    func finish() {
        let now = clock.now
        let text: String? = state.withLock { state in
            defer { state.drawn = false }
            switch mode {
            case .none:
                return nil
            case .bar:
                return state.drawn ? "\r\u{1B}[2K" : nil
            case .lines:
                guard let last = state.last, !state.lastShown else { return nil }
                state.lastShown = true
                let elapsed = Self.seconds(now - state.start)
                return "\(task): \(unit) \(last.step)/\(last.total)\(last.objective.map { ", objective \(Self.number($0))" } ?? ""), elapsed \(Self.duration(elapsed)), done\n"
            }
        }
        if let text { output(text) }
    }

    /// The time left at the pace so far, or nil while that pace means nothing:
    /// before the second step (the first includes the setup) and before 5% of
    /// the steps (the early steps say little about the rest).
    static func estimatedRemaining(step: Int, total: Int, elapsed: Double) -> Double? {
        guard step >= 2, total > 0, step * 20 >= total, elapsed.isFinite else { return nil }
        return elapsed / Double(step) * Double(max(total - step, 0))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// `0.3s`, `12s`, `3m05s`; `?` when unknown.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        if seconds < 60 { return String(format: "%.0fs", seconds) }
        let minutes = Int(seconds) / 60
        return String(format: "%dm%02ds", minutes, Int(seconds) % 60)
    }

    static func number(_ value: Double) -> String { String(format: "%.6f", value) }
}
