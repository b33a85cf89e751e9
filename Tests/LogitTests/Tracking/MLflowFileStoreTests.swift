import Foundation
import Logit
import Testing

@Suite("MLflow file store")
struct MLflowFileStoreTests {
    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing \(path)>"
    }

    /// The layout MLflow's FileStore reads: root/.trash, root/0/meta.yaml,
    /// root/0/<run>/{meta.yaml, params, metrics, tags, artifacts}.
    @Test func writesMLflowsLayout() throws {
        let scratch = ScratchDirectory()
        let store = MLflowFileStore(root: scratch.file("mlruns"))
        let run = try store.startRun(name: "first")
        #expect(run.id.count == 32 && run.id.allSatisfy(\.isHexDigit))
        #expect(run.experimentID == "0")
        #expect(FileManager.default.fileExists(atPath: store.root + "/.trash"))
        let experiment = Self.read(store.root + "/0/meta.yaml")
        #expect(experiment.contains("experiment_id: '0'\n") && experiment.contains("name: 'Default'\n"))
        #expect(experiment.contains("artifact_location: 'file://\(store.root)/0'\n"))
        #expect(experiment.contains("lifecycle_stage: 'active'\n"))
        var meta = Self.read(run.directory + "/meta.yaml")
        #expect(meta.contains("run_id: '\(run.id)'\n") && meta.contains("status: 1\n") && meta.contains("end_time: null\n"))
        #expect(meta.contains("artifact_uri: 'file://\(run.directory)/artifacts'\n"))
        #expect(Self.read(run.directory + "/tags/mlflow.runName") == "first")

        try run.logParam("solver", "lbfgs")
        try run.logMetric("objective", [MLflowMetricPoint(timestamp: 1000, value: 0.5, step: 0),
                                        MLflowMetricPoint(timestamp: 1001, value: 0.25, step: 1)])
        try run.logMetric("accuracy", 0.875)
        try run.setTag("logit.note", "it's fine")
        let artifact = try run.logArtifact(Data("{}".utf8), name: "model.json")
        try run.finish()
        #expect(Self.read(run.directory + "/params/solver") == "lbfgs")
        #expect(Self.read(run.directory + "/metrics/objective") == "1000 0.5 0\n1001 0.25 1\n")
        #expect(Self.read(artifact) == "{}" && artifact == run.artifactsDirectory + "/model.json")
        meta = Self.read(run.directory + "/meta.yaml")
        #expect(meta.contains("status: 3\n") && !meta.contains("end_time: null"))
    }

    /// Runs read back with their params, latest metrics (highest step) and
    /// tags, newest first; ids resolve exactly or by a unique prefix.
    @Test func readsRunsBack() throws {
        let scratch = ScratchDirectory()
        let store = MLflowFileStore(root: scratch.file("mlruns"))
        #expect(try store.runs().isEmpty)
        let first = try store.startRun()
        try first.logParam("l2", "0.01")
        try first.logMetric("objective", [MLflowMetricPoint(timestamp: 5, value: 0.7, step: 0),
                                          MLflowMetricPoint(timestamp: 6, value: 0.3, step: 1)])
        try first.finish()
        Thread.sleep(forTimeInterval: 0.005)
        let second = try store.startRun(experiment: "other", name: "b")
        try second.logMetric("weird", [MLflowMetricPoint(timestamp: 7, value: .nan, step: 0),
                                       MLflowMetricPoint(timestamp: 8, value: -.infinity, step: 2)])
        try second.finish(status: .failed)

        let runs = try store.runs()
        #expect(runs.map(\.id) == [second.id, first.id])
        #expect(runs[0].experimentName == "other" && runs[0].experimentID != "0" && runs[0].status == .failed)
        #expect(runs[0].metrics["weird"] == -.infinity && runs[0].name == "b")
        #expect(runs[1].params == ["l2": "0.01"] && runs[1].metrics == ["objective": 0.3])
        #expect(runs[1].tags["mlflow.runName"] == first.name && first.name == "logit-" + first.id.prefix(8))
        #expect(runs[1].status == .finished && runs[1].endTime != nil)
        #expect(try store.run(id: first.id) == runs[1])
        #expect(try store.run(id: String(first.id.prefix(10))).id == first.id)
        #expect(try store.metricHistory(runID: first.id, key: "objective").map(\.value) == [0.7, 0.3])
        #expect(try store.experimentID(named: "other") == second.experimentID)
        #expect(try store.experiments().map(\.name).sorted() == ["Default", "other"])

        #expect(throws: TrackingError.self) { try store.run(id: "0123456789abcdef0123456789abcdef") }
        #expect(throws: TrackingError.self) { try store.metricHistory(runID: first.id, key: "missing") }
        #expect(throws: TrackingError.self) { try first.logParam("../escape", "x") }
        #expect(throws: TrackingError.self) { try first.logParam("", "x") }
    }

    /// A run written by MLflow itself (unquoted strings, extra keys) is listed too.
    @Test func readsRunsThatMLflowWrote() throws {
        let scratch = ScratchDirectory()
        let root = scratch.file("mlruns")
        let id = "c65d0cfc70424397bd5f55063e2de462"
        let run = root + "/0/" + id
        for folder in ["/0", "/0/\(id)/params", "/0/\(id)/metrics", "/0/\(id)/tags", "/0/\(id)/artifacts"] {
            try FileManager.default.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        scratch.write("mlruns/0/meta.yaml", """
            artifact_location: file:///tmp/mlft/mlruns/0
            creation_time: 1795499533291
            effective_trace_archival_retention: null
            experiment_id: '0'
            last_update_time: 1795499533291
            lifecycle_stage: active
            name: Default
            trace_location: null
            workspace: default

            """)
        scratch.write("mlruns/0/\(id)/meta.yaml", """
            artifact_uri: file:///tmp/mlft/mlruns/0/\(id)/artifacts
            end_time: 1795499533382
            entry_point_name: ''
            experiment_id: '0'
            lifecycle_stage: active
            run_id: \(id)
            run_name: r1
            source_name: ''
            source_type: 4
            source_version: ''
            start_time: 1795499533370
            status: 3
            tags: []
            user_id: root

            """)
        scratch.write("mlruns/0/\(id)/metrics/objective", "1795499533378 0.5 0\n1795499533379 0.25 1\n")
        scratch.write("mlruns/0/\(id)/params/solver", "lbfgs")
        let runs = try MLflowFileStore(root: root).runs()
        #expect(runs.count == 1)
        #expect(runs.first?.id == id && runs.first?.name == "r1" && runs.first?.status == .finished)
        #expect(runs.first?.startTime == 1795499533370 && runs.first?.metrics["objective"] == 0.25)
        #expect(runs.first?.directory == run && runs.first?.params["solver"] == "lbfgs")
    }

    @Test func aFileWhereTheStoreShouldBeIsAnError() throws {
        let scratch = ScratchDirectory()
        let path = scratch.write("mlruns", "not a folder")
        #expect(throws: TrackingError("not a folder (expected an MLflow tracking store)", path: path)) {
            try MLflowFileStore(root: path).runs()
        }
        #expect(throws: TrackingError.self) { try MLflowFileStore(root: path).startRun() }
    }
}
