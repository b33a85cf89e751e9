import Foundation
import Logit
import Testing

/// Ranking of hyperparameter-search candidates (issue 11): by the chosen
/// score, log-loss by default, and never a non-converged candidate first.
@Suite("Model-selection scoring and ranking")
struct ScoringTests {
    @Test("a candidate that did not converge in some fold ranks below every converged one, whatever its score")
    func nonConvergedNeverFirst() throws {
        let raisin = try Dataset<Double>.raisin()
        // gd (100 epochs, tolerance 0) never reports convergence; Newton does.
        // λ₂ = 10 makes Newton's optimum poor, so an unconverged gd scores better.
        let search = HyperparameterSearch<Double>(space: SearchSpace(l2: [0.01, 10], solver: [.gradientDescent, .newton]),
                                                  folds: 3, parallelism: 2)
        for scoring in Scoring.allCases {
            var s = search
            s.scoring = scoring
            let result = try s.run(raisin)
            #expect(result.scoring == scoring)
            let converged = result.candidates.map(\.crossValidation.allConverged)
            #expect(converged == [true, true, false, false], "\(scoring)")
            #expect(result.best.configuration.solver == .newton)
            let scores = result.candidates.map { scoring.mean(of: $0.crossValidation) }
            for group in [0..<2, 2..<4] {
                let pair = Array(scores[group])
                #expect(!scoring.isBetter(pair[1], than: pair[0]), "\(scoring): \(scores)")
            }
            if scoring == .logLoss {
                // the rule mattered: an unconverged candidate had a better score than a converged one
                #expect(scores[2] < scores[1], "\(scores)")
            }
        }
    }

    @Test("fold scores: F1 macro and ROC AUC as Metrics computes them")
    func foldScores() throws {
        let raisin = try Dataset<Double>.raisin()
        let fold = try #require(try StratifiedKFold(labels: raisin.labels, folds: 3, seed: 0).folds.first)
        let result = try CrossValidation<Double>(configuration: TrainingConfiguration(solver: .newton), backend: .swift)
            .run(raisin, folds: [fold])
        // the same fit by hand
        var train = raisin.subset(fold.train), validation = raisin.subset(fold.validation)
        let scaler = try FeatureScaler.fit(.standard, to: train.features)
        train.features = try scaler.transform(train.features)
        validation.features = try scaler.transform(validation.features)
        let model = try LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .newton), backend: .swift)
            .fit(train).model
        let p = try model.predictProbabilities(validation.features)
        let predicted = try model.predict(validation.features)
        let f1 = try Metrics(trueLabels: validation.labels, predictedLabels: predicted).macro.f1
        let auc = try Metrics.rocAUC(trueLabels: validation.labels, scores: p.column(1))
        // identical arithmetic on identical inputs: exact
        #expect(result.folds[0].f1Macro == f1)
        #expect(result.folds[0].rocAUC == auc)
        #expect(Scoring.rocAUC.mean(of: result) == auc && Scoring.f1Macro.mean(of: result) == f1)
        #expect(Scoring(rawValue: "log_loss") == .logLoss && Scoring(rawValue: "roc_auc") == .rocAUC)
    }

    @Test("cv and tune share the default number of folds")
    func sameDefaultFolds() {
        #expect(CrossValidation<Double>().folds == HyperparameterSearch<Double>(space: SearchSpace()).folds)
        #expect(CrossValidation<Float>.defaultFolds == 5)
    }
}
