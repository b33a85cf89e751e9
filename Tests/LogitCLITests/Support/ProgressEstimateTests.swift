import Testing
@testable import logit

/// The progress ETA appears only once it means something (issue 11).
@Suite("Progress ETA")
struct ProgressEstimateTests {
    @Test func noEstimateBeforeItMeansSomething() {
        // first step: includes the setup
        #expect(ProgressReporter.estimatedRemaining(step: 1, total: 4, elapsed: 1) == nil)
        // 1% of an L-BFGS limit of 1000 iterations: nothing yet
        #expect(ProgressReporter.estimatedRemaining(step: 10, total: 1000, elapsed: 0.1) == nil)
        // from 5% on: the pace so far times the steps left (exact in binary: 1/50·950 = 19)
        #expect(ProgressReporter.estimatedRemaining(step: 50, total: 1000, elapsed: 1) == 19)
        #expect(ProgressReporter.estimatedRemaining(step: 4, total: 4, elapsed: 2) == 0)
    }

    @Test func linesOmitTheEarlyEstimate() {
        let sink = Sink()
        let reporter = ProgressReporter(mode: .lines, task: "training", unit: "iteration") { sink.write($0) }
        reporter.update(step: 1, total: 1000, objective: 0.69)
        #expect(!sink.value.contains("ETA"))
        #expect(sink.value.hasPrefix("training: iteration 1/1000, objective 0.690000, elapsed "))
    }

    final class Sink: @unchecked Sendable {
        var value = ""
        func write(_ s: String) { value += s }
    }
}
