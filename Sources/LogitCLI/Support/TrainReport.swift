import Logit

/// The `--json` output of `logit train`.
struct TrainReport: Encodable {
    /// Scores on one set of rows.
    struct Scores: Encodable {
        var rows: Int
        var accuracy: Double
        var logLoss: Double
        var objective: Double

        init(_ scores: ModelFile.Scores) {
            rows = scores.rows
            accuracy = scores.accuracy
            logLoss = scores.logLoss
            objective = scores.objective
        }

        enum CodingKeys: String, CodingKey {
            case rows, accuracy, objective
            case logLoss = "log_loss"
        }
    }

    var train: Scores
    var test: Scores?
    var iterations: Int
    var converged: Bool
    var stopReason: String
    var solver: String
    var backend: String
    var precision: String
    var classes: [String]
    var features: [String]
    var gradientNorm: Double
    var seconds: Double
    var data: String
    var testData: String?
    var testFraction: Double?
    var seed: UInt64
    var standardized: Bool
    var l2: Double
    var l1: Double
    var learningRate: Double
    var classWeight: String
    var maxIterations: Int
    /// The OpenBLAS kernels and why (``OpenBLASCore/selection``); nil on the Swift backend.
    var blasCore: String?
    /// The kernel of a binary model's gradient pass (``BinaryPass``); nil for a multinomial model.
    var binaryPass: String?
    /// The stopping rule in force, e.g. `max|∇L| ≤ 1e-4 or relative ΔL ≤ 1.4e-14, at most 1000 iterations`.
    var stoppingRule: String = ""
    /// scikit-learn's C when the penalty was given as C (λ₂ = 1/(C·n)).
    var inverseRegularization: Double?
    var modelFile: String?
    var runID: String?

    enum CodingKeys: String, CodingKey {
        case train, test, iterations, converged, solver, backend, precision, classes, features, seconds, data, seed,
             standardized, l2, l1
        case stopReason = "stop_reason"
        case gradientNorm = "gradient_norm"
        case testData = "test_data"
        case testFraction = "test_fraction"
        case learningRate = "learning_rate"
        case classWeight = "class_weight"
        case maxIterations = "max_iterations"
        case blasCore = "blas_core"
        case binaryPass = "binary_pass"
        case stoppingRule = "stopping_rule"
        case inverseRegularization = "C"
        case modelFile = "model_file"
        case runID = "run_id"
    }

    /// Encodes `test`, `model_file` and `run_id` as null when absent (the keys are always there).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(train, forKey: .train)
        try c.encode(test, forKey: .test)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(converged, forKey: .converged)
        try c.encode(stopReason, forKey: .stopReason)
        try c.encode(solver, forKey: .solver)
        try c.encode(backend, forKey: .backend)
        try c.encode(blasCore, forKey: .blasCore)
        try c.encode(binaryPass, forKey: .binaryPass)
        try c.encode(precision, forKey: .precision)
        try c.encode(classes, forKey: .classes)
        try c.encode(features, forKey: .features)
        try c.encode(gradientNorm, forKey: .gradientNorm)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(data, forKey: .data)
        try c.encode(testData, forKey: .testData)
        try c.encode(testFraction, forKey: .testFraction)
        try c.encode(seed, forKey: .seed)
        try c.encode(standardized, forKey: .standardized)
        try c.encode(l2, forKey: .l2)
        try c.encode(l1, forKey: .l1)
        // only for the solvers that use a learning rate
        if solver == Solver.gradientDescent.rawValue || solver == Solver.stochasticGradientDescent.rawValue {
            try c.encode(learningRate, forKey: .learningRate)
        }
        try c.encode(classWeight, forKey: .classWeight)
        try c.encode(maxIterations, forKey: .maxIterations)
        try c.encode(stoppingRule, forKey: .stoppingRule)
        try c.encodeIfPresent(inverseRegularization, forKey: .inverseRegularization)
        try c.encode(modelFile, forKey: .modelFile)
        try c.encode(runID, forKey: .runID)
    }
}
