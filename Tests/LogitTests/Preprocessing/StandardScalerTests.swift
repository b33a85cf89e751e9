import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Standard scaler")
struct StandardScalerTests {
    static let fixture = MetricsFixture.shared.scalers

    /// Against scikit-learn's StandardScaler on a 9×4 matrix with a constant
    /// column. The mean and variance are sums of 9 terms in Double (error a few
    /// ulps), so Double agrees within 1e-12 relative; transformed values near 0
    /// are compared with an absolute floor of 1 (that is, 1e-12 absolute).
    @Test func matchesScikitLearn() throws {
        let train = try Matrix(Self.fixture.train), test = try Matrix(Self.fixture.test)
        let scaler = try StandardScaler.fit(train)
        expectClose(scaler.mean, Self.fixture.standard.mean, relative: 1e-12, "mean")
        expectClose(scaler.variance, Self.fixture.standard.var, relative: 1e-12, "variance")
        expectClose(scaler.scale, Self.fixture.standard.scale, relative: 1e-12, "scale")
        #expect(scaler.constantFeatures == [1])
        #expect(scaler.sampleCount == 9 && scaler.featureCount == 4)
        expectClose(try scaler.transform(train).elements, Self.fixture.standard.train_transformed.flatMap { $0 },
                    relative: 1e-12, "train transformed")
        expectClose(try scaler.transform(test).elements, Self.fixture.standard.test_transformed.flatMap { $0 },
                    relative: 1e-12, "test transformed")
    }

    /// Float data: statistics are still accumulated in Double from the Float
    /// inputs (which differ from the Double inputs by ≤ 2⁻²⁴ relative), and
    /// each output is rounded to Float, so ~1e-6 relative to max(|x|, 1).
    @Test func floatDataAgreesWithinFloatPrecision() throws {
        let train = try Matrix(Self.fixture.train.map { $0.map(Float.init) })
        let scaler = try StandardScaler.fit(train)
        expectClose(scaler.mean, Self.fixture.standard.mean, relative: 1e-6, "mean")
        #expect(scaler.constantFeatures == [1])
        expectClose(try scaler.transform(train).elements.map(Double.init),
                    Self.fixture.standard.train_transformed.flatMap { $0 }, relative: 1e-5, "train transformed")
    }

    /// No leakage: the test rows are transformed with the training statistics,
    /// so they are generally not centred, and transforming never refits.
    @Test func testRowsUseTrainingStatistics() throws {
        let train = try Matrix(Self.fixture.train), test = try Matrix(Self.fixture.test)
        let scaler = try StandardScaler.fit(train)
        let before = scaler
        let transformed = try scaler.transform(test)
        #expect(scaler == before)
        let refit = try StandardScaler.fit(test).transform(test)
        #expect(transformed != refit)
        let columnMean = transformed.column(0).reduce(0, +) / Double(test.rows)
        #expect(abs(columnMean) > 0.5, "test rows are shifted relative to the training mean: \(columnMean)")
        // The constant training column maps any test value v to v − 4.25.
        #expect(transformed.column(1) == [0, 0.75, -1.25, 0, 0])
    }

    @Test func inPlaceInverseAndCodable() throws {
        let train = try Matrix(Self.fixture.train)
        let scaler = try StandardScaler.fit(train)
        var inPlace = train
        try scaler.transformInPlace(&inPlace)
        #expect(inPlace == (try scaler.transform(train)))
        #expect(train == (try Matrix(Self.fixture.train)), "the original is untouched (copy on write)")
        expectClose(try scaler.inverseTransform(inPlace).elements, train.elements, relative: 1e-12, "inverse")

        let decoded = try JSONDecoder().decode(StandardScaler.self, from: JSONEncoder().encode(scaler))
        #expect(decoded == scaler)
        let broken = #"{"mean":[1,2],"variance":[1,1],"scale":[1,0],"constantFeatures":[],"sampleCount":3}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StandardScaler.self, from: Data(broken.utf8)) }
    }

    @Test func errorsNameTheShapes() throws {
        let scaler = try StandardScaler.fit(try Matrix(Self.fixture.train))
        let wide = Matrix<Double>(rows: 2, columns: 5)
        let error = capturedDataError { try scaler.transform(wide) }
        #expect(error?.message == "StandardScaler was fitted on 9×4 data and cannot transform a 2×5 matrix (5 columns, expected 4)")
        let empty = capturedDataError { try StandardScaler.fit(Matrix<Double>(rows: 0, columns: 3)) }
        #expect(empty?.message.contains("0 rows") == true)
        let nan = capturedDataError { try StandardScaler.fit(try Matrix<Double>([[1, 2], [.nan, 3]])) }
        #expect(nan?.message.contains("row 1, column 1 is nan") == true && nan?.column == 1)
        let infinite = capturedDataError { try StandardScaler.fit(try Matrix<Float>([[1, 2], [3, -.infinity]])) }
        #expect(infinite?.message.contains("row 1, column 2 is -inf") == true && infinite?.column == 2)
    }

    /// Issue 12: one cell of about 1e155 made the old Σx² overflow, every
    /// column was called constant and training "converged" on nothing. The
    /// expected values are exact arithmetic, not engine output: column 0 is
    /// 1e200·[1, 2, 3, 4] (mean 2.5e200, population variance 1.25e400, so
    /// scale √1.25·1e200), column 1 is [1, 1, 1, 1e300]. Tolerance 1e-14
    /// relative: a few roundings of terms of similar size in Double.
    @Test func hugeFiniteValuesDoNotOverflow() throws {
        let x = try Matrix<Double>([[1e200, 1], [2e200, 1], [3e200, 1], [4e200, 1e300]])
        let scaler = try StandardScaler.fit(x)
        #expect(scaler.constantFeatures.isEmpty)
        expectClose(scaler.mean, [2.5e200, 2.5e299], relative: 1e-14, "mean")
        // Column 1: mean 2.5e299, deviations −2.5e299 (×3) and 7.5e299: variance 18.75e598 → scale √18.75·1e299.
        expectClose(scaler.scale, [(1.25 as Double).squareRoot() * 1e200, (18.75 as Double).squareRoot() * 1e299], relative: 1e-14, "scale")
        #expect(scaler.variance.allSatisfy { $0 == .infinity }, "1e400 is beyond Double: variance is +inf, the scale is finite")
        let transformed = try scaler.transform(x)
        #expect(transformed.elements.allSatisfy { $0.isFinite })
        // Near the top of Double's range: ±1.7e308 in one column, mean 0, scale 1.7e308.
        let edge = try StandardScaler.fit(try Matrix<Double>([[1.7e308], [-1.7e308]]))
        expectClose(edge.scale, [1.7e308], relative: 1e-15, "edge scale")
        expectClose(try edge.transform(try Matrix<Double>([[1.7e308]])).elements, [1], relative: 1e-15, "edge")
    }

    /// scikit-learn's constant test: the variance of a column of one repeated
    /// large value may come out as rounding noise; it is still constant.
    @Test func nearlyConstantColumnsFromRoundingAreConstant() throws {
        let x = try Matrix(rows: 7, columns: 1, elements: [Double](repeating: 0.1 + 1e6, count: 7))
        let scaler = try StandardScaler.fit(x)
        #expect(scaler.constantFeatures == [0] && scaler.scale == [1])
        #expect(try scaler.transform(x).elements.allSatisfy { abs($0) < 1e-9 })
    }
}
