// The evaluation API before 0.2.0 (scikit-learn's `y_true`/`y_pred`
// abbreviations, four entry points). Kept, deprecated, for one minor version:
// removed in 0.3.0. Each forwards to its replacement.

extension Metrics {
    /// Deprecated: use ``init(trueLabels:predictedLabels:classes:)``.
    @available(*, deprecated, renamed: "init(trueLabels:predictedLabels:classes:)")
    public init(yTrue: [Int], yPred: [Int], labels: [Int]? = nil) throws(DataError) {
        try self.init(trueLabels: yTrue, predictedLabels: yPred, classes: labels)
    }

    /// Deprecated: use ``accuracy(trueLabels:predictedLabels:)``.
    @available(*, deprecated, renamed: "accuracy(trueLabels:predictedLabels:)")
    public static func accuracy(yTrue: [Int], yPred: [Int]) throws(DataError) -> Double {
        try accuracy(trueLabels: yTrue, predictedLabels: yPred)
    }
}

extension ConfusionMatrix {
    /// Deprecated: use ``init(trueLabels:predictedLabels:classes:)``.
    @available(*, deprecated, renamed: "init(trueLabels:predictedLabels:classes:)")
    public init(yTrue: [Int], yPred: [Int], labels: [Int]? = nil) throws(DataError) {
        try self.init(trueLabels: yTrue, predictedLabels: yPred, classes: labels)
    }
}

extension ClassificationReport {
    /// Deprecated: use ``init(trueLabels:predictedLabels:classes:classNames:digits:)``.
    @available(*, deprecated, renamed: "init(trueLabels:predictedLabels:classes:classNames:digits:)")
    public init(yTrue: [Int], yPred: [Int], labels: [Int]? = nil, classNames: [String]? = nil,
                digits: Int = 2) throws(DataError) {
        try self.init(trueLabels: yTrue, predictedLabels: yPred, classes: labels, classNames: classNames,
                      digits: digits)
    }
}

extension LogLoss {
    /// Deprecated: use ``Metrics/logLoss(trueLabels:probabilities:sampleWeights:normalize:)``.
    @available(*, deprecated, renamed: "Metrics.logLoss(trueLabels:probabilities:sampleWeights:normalize:)")
    public static func compute<T: LogitScalar>(yTrue: [Int], probabilities: Matrix<T>, sampleWeight: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        try compute(trueLabels: yTrue, probabilities: probabilities, sampleWeight: sampleWeight, normalize: normalize)
    }

    /// Deprecated: use ``Metrics/logLoss(trueLabels:positiveProbabilities:sampleWeights:normalize:)``.
    @available(*, deprecated, renamed: "Metrics.logLoss(trueLabels:positiveProbabilities:sampleWeights:normalize:)")
    public static func compute<T: LogitScalar>(yTrue: [Int], positiveProbabilities: [T], sampleWeight: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        try compute(trueLabels: yTrue, positiveProbabilities: positiveProbabilities, sampleWeight: sampleWeight,
                    normalize: normalize)
    }
}

extension ROCAUC {
    /// Deprecated: use ``Metrics/rocCurve(trueLabels:scores:positiveClass:)``.
    @available(*, deprecated, renamed: "Metrics.rocCurve(trueLabels:scores:positiveClass:)")
    public static func curve<S: BinaryFloatingPoint>(yTrue: [Int], scores: [S],
                                                    positiveClass: Int = 1) throws(DataError) -> Curve {
        try curve(trueLabels: yTrue, scores: scores, positiveClass: positiveClass)
    }

    /// Deprecated: use ``Metrics/rocAUC(trueLabels:scores:positiveClass:)``.
    @available(*, deprecated, renamed: "Metrics.rocAUC(trueLabels:scores:positiveClass:)")
    public static func binary<S: BinaryFloatingPoint>(yTrue: [Int], scores: [S],
                                                     positiveClass: Int = 1) throws(DataError) -> Double {
        try binary(trueLabels: yTrue, scores: scores, positiveClass: positiveClass)
    }

    /// Deprecated: use ``Metrics/rocAUC(trueLabels:scores:average:)``.
    @available(*, deprecated, renamed: "Metrics.rocAUC(trueLabels:scores:average:)")
    public static func oneVsRest<T: LogitScalar>(yTrue: [Int], scores: Matrix<T>,
                                                average: Average = .macro) throws(DataError) -> Double {
        try oneVsRest(trueLabels: yTrue, scores: scores, average: average)
    }
}

extension ThresholdTuning {
    /// Deprecated: use ``maximizingF1(trueLabels:scores:positiveClass:)``.
    @available(*, deprecated, renamed: "maximizingF1(trueLabels:scores:positiveClass:)")
    public static func maximizingF1<S: BinaryFloatingPoint>(yTrue: [Int], scores: [S],
                                                           positiveClass: Int = 1) throws(DataError) -> Result {
        try maximizingF1(trueLabels: yTrue, scores: scores, positiveClass: positiveClass)
    }

    /// Deprecated: use ``smallestThreshold(forPrecision:trueLabels:scores:positiveClass:)``.
    @available(*, deprecated, renamed: "smallestThreshold(forPrecision:trueLabels:scores:positiveClass:)")
    public static func smallestThreshold<S: BinaryFloatingPoint>(forPrecision target: Double, yTrue: [Int], scores: [S],
                                                                positiveClass: Int = 1) throws(DataError) -> Result? {
        try smallestThreshold(forPrecision: target, trueLabels: yTrue, scores: scores, positiveClass: positiveClass)
    }

    /// Deprecated: use ``largestThreshold(forRecall:trueLabels:scores:positiveClass:)``.
    @available(*, deprecated, renamed: "largestThreshold(forRecall:trueLabels:scores:positiveClass:)")
    public static func largestThreshold<S: BinaryFloatingPoint>(forRecall target: Double, yTrue: [Int], scores: [S],
                                                               positiveClass: Int = 1) throws(DataError) -> Result? {
        try largestThreshold(forRecall: target, trueLabels: yTrue, scores: scores, positiveClass: positiveClass)
    }
}
