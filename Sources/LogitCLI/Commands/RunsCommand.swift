import ArgumentParser
import Foundation
import Logit

/// `logit runs`: the runs recorded in an MLflow tracking folder, newest first.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the training runs recorded with --track (newest first): id, time, parameters, key metrics.")

    @Option(help: ArgumentHelp("The MLflow tracking folder.", valueName: "dir"))
    var track: String = ArgumentRewriter.defaultTrackingDirectory

    @Option(help: "Show at most this many runs.")
    var limit: Int?

    @Flag(help: "Print a JSON array instead of the table.")
    var json = false

    @Option(help: ArgumentHelp("Only the runs of this experiment.", valueName: "name"))
    var experiment: String?

    @Option(help: ArgumentHelp("Order by this metric, best first (ascending for losses, objectives and times, descending otherwise); runs without it last.",
                               valueName: "metric"))
    var sort: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit \(limit) must be ≥ 1") }
    }

    /// Whether a smaller value of `metric` is better.
    static func lowerIsBetter(_ metric: String) -> Bool {
        ["loss", "objective", "seconds", "error", "norm", "iterations"].contains { metric.contains($0) }
    }

    func run() throws {
        let store = MLflowFileStore(root: track)
        var runs = try store.runs()
        if let experiment {
            let names = Set(runs.map(\.experimentName))
            runs = runs.filter { $0.experimentName == experiment }
            if runs.isEmpty {
                throw CLIError("--experiment \(experiment): no runs in \(track) (experiments: \(names.sorted().joined(separator: ", ")))")
            }
        }
        if let sort {
            guard runs.contains(where: { $0.metrics[sort] != nil }) else {
                let known = Set(runs.flatMap(\.metrics.keys)).sorted()
                throw CLIError("--sort \(sort): no run has that metric (metrics: \(known.joined(separator: ", ")))")
            }
            let lower = Self.lowerIsBetter(sort)
            // stable: equal values keep newest first
            runs = runs.enumerated().sorted { a, b in
                switch (a.element.metrics[sort], b.element.metrics[sort]) {
                case let (x?, y?) where x != y: return lower ? x < y : x > y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.offset < b.offset
                }
            }.map(\.element)
        }
        if let limit { runs = Array(runs.prefix(limit)) }
        let listed = runs.map(ListedRun.init)
        if json {
            try JSONOutput.print(listed)
            return
        }
        guard !runs.isEmpty else {
            print("no runs in \(track) (record one with `logit train --track \(track)`)")
            return
        }
        var table = TextTable(["run id", "started (UTC)", "status", "name", "experiment", "solver", "l2", "data", "test acc",
                               "test log-loss", "model"], leftAligned: [0, 1, 2, 3, 4, 5, 7, 10])
        for run in listed {
            table.add([run.id, run.started, run.status, run.name, run.experiment, run.params["solver"] ?? "",
                       run.params["l2"] ?? "",
                       run.params["data"] ?? "", run.metrics["test_accuracy"].map { String(format: "%.4f", $0) } ?? "",
                       run.metrics["test_log_loss"].map { String(format: "%.4f", $0) } ?? "",
                       run.model == nil ? "" : "yes"])
        }
        print(table.text, terminator: "")
    }
}

/// A run as `logit runs` lists it.
struct ListedRun: Encodable {
    var id: String
    var name: String
    var experiment: String
    var status: String
    var started: String
    var startTime: Int64
    var endTime: Int64?
    var params: [String: String]
    var metrics: [String: Double]
    var model: String?

    init(_ record: MLflowRunRecord) {
        id = record.id
        name = record.name
        experiment = record.experimentName
        status = record.status.description
        startTime = record.startTime
        endTime = record.endTime
        let date = Date(timeIntervalSince1970: Double(record.startTime) / 1000)
        started = date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).dateTimeSeparator(.space))
        params = record.params
        metrics = record.metrics
        model = ModelReference.hasModel(record) ? record.artifactsDirectory + "/" + ModelReference.artifactName : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, name, experiment, status, started, params, metrics, model
        case startTime = "start_time"
        case endTime = "end_time"
    }
}
