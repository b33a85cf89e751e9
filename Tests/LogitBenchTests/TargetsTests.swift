import Testing
@testable import logit_bench

@Suite struct TargetsTests {
    func job(dataset: String, solver: String, engine: Double, peer: Double?, accuracy: (Double, Double)? = nil) -> BenchRow {
        var r = BenchFixtures.row(kind: "job", dataset: dataset, solver: solver, median: engine)
        if let peer {
            r.peer = "peer"
            r.peer_median_ms = peer
            r.ratio = engine / peer
        } else {
            r.peer_skipped = "peer skipped: no scikit-learn"
        }
        if let (mine, theirs) = accuracy {
            r.accuracy = mine
            r.peer_accuracy = theirs
        }
        return r
    }

    @Test func processJobNeedsThreeTimesFaster() {
        #expect(Targets.jobChecks([job(dataset: "train-process 28×28 .npy", solver: "gd", engine: 1, peer: 3)])[0].met)
        #expect(!Targets.jobChecks([job(dataset: "train-process 28×28 .npy", solver: "gd", engine: 1.1, peer: 3)])[0].met)
    }

    @Test func processJobStatesItsBandwidthFloor() {
        // A floor of 530 ms against a 1240 ms peer is 0.427× the peer: above the
        // 0.333× target, so the line says the target is below the machine's floor.
        var high = job(dataset: "train-process 28×28 .npy", solver: "gd", engine: 820, peer: 1240)
        high.epoch_floor_ms = 530
        let measured = Targets.jobChecks([high])[0].measured
        #expect(measured.contains("530 ms"))
        #expect(measured.contains("0.427×"))
        #expect(measured.contains("below this machine's floor"))
        // A floor under the target's time is stated without that conclusion.
        var low = job(dataset: "train-process 28×28 .npy", solver: "gd", engine: 820, peer: 1240)
        low.epoch_floor_ms = 300
        #expect(!Targets.jobChecks([low])[0].measured.contains("below this machine's floor"))
        // No floor worked out: nothing is added.
        let none = job(dataset: "train-process 28×28 .npy", solver: "gd", engine: 820, peer: 1240)
        #expect(!Targets.jobChecks([none])[0].measured.contains("floor"))
    }

    @Test func lbfgsNeedsHalfTheTimeAndTheSameAccuracy() {
        let fast = job(dataset: "digits 8×8", solver: "lbfgs", engine: 1, peer: 2, accuracy: (0.97, 0.968))
        #expect(Targets.jobChecks([fast])[0].met)
        let inaccurate = job(dataset: "digits 8×8", solver: "lbfgs", engine: 1, peer: 2, accuracy: (0.96, 0.97))
        #expect(!Targets.jobChecks([inaccurate])[0].met)
        let slow = job(dataset: "digits 8×8", solver: "lbfgs", engine: 1.5, peer: 2, accuracy: (0.97, 0.97))
        #expect(!Targets.jobChecks([slow])[0].met)
    }

    @Test func raisinTargets() {
        let checks = Targets.jobChecks([
            job(dataset: "raisin", solver: "gd", engine: 1, peer: 5),
            job(dataset: "raisin", solver: "lbfgs grid 20×10", engine: 1, peer: 9),
        ])
        #expect(checks.map(\.met) == [true, false])
    }

    @Test func missingPeerIsSkippedNotMet() {
        let checks = Targets.jobChecks([job(dataset: "digits 8×8", solver: "lbfgs", engine: 1, peer: nil)])
        #expect(checks.count == 1)
        #expect(checks[0].skipped == true)
        #expect(!checks[0].met)
        #expect(checks[0].measured.contains("peer skipped"))
    }
}
