import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Min-max scaler")
struct MinMaxScalerTests {
    static let fixture = MetricsFixture.shared.scalers

    /// Against scikit-learn's MinMaxScaler. Each value is one subtraction, one
    /// division and a multiply-add in Double, so 1e-12 relative (floor 1) is ample.
    @Test func matchesScikitLearn() throws {
        let train = try Matrix(Self.fixture.train), test = try Matrix(Self.fixture.test)
        let scaler = try MinMaxScaler.fit(train)
        #expect(scaler.dataMin == Self.fixture.minmax.data_min && scaler.dataMax == Self.fixture.minmax.data_max)
        expectClose(scaler.scale, Self.fixture.minmax.scale, relative: 1e-12, "scale")
        expectClose(scaler.offset, Self.fixture.minmax.min, relative: 1e-12, "offset")
        #expect(scaler.constantFeatures == [1])
        expectClose(try scaler.transform(train).elements, Self.fixture.minmax.train_transformed.flatMap { $0 },
                    relative: 1e-12, "train transformed")
        // Test rows may fall outside [0, 1]: no clipping, no refit.
        expectClose(try scaler.transform(test).elements, Self.fixture.minmax.test_transformed.flatMap { $0 },
                    relative: 1e-12, "test transformed")
    }

    @Test func customRangeInverseAndCodable() throws {
        let x = try Matrix<Float>([[1, 10], [3, 10], [2, 10]])
        let scaler = try MinMaxScaler.fit(x, range: -1...1)
        #expect(try scaler.transform(x) == (try Matrix<Float>([[-1, -1], [1, -1], [0, -1]])))
        #expect(scaler.constantFeatures == [1])
        #expect(try scaler.inverseTransform(try scaler.transform(x)) == x)
        var inPlace = x
        try scaler.transformInPlace(&inPlace)
        #expect(inPlace == (try scaler.transform(x)))
        let decoded = try JSONDecoder().decode(MinMaxScaler.self, from: JSONEncoder().encode(scaler))
        #expect(decoded == scaler)
    }

    @Test func errors() throws {
        let scaler = try MinMaxScaler.fit(try Matrix<Double>([[1, 2], [3, 4]]))
        let error = capturedDataError { try scaler.transform(Matrix<Double>(rows: 3, columns: 1)) }
        #expect(error?.message == "MinMaxScaler was fitted on 2×2 data and cannot transform a 3×1 matrix (1 columns, expected 2)")
        #expect(capturedDataError { try MinMaxScaler.fit(Matrix<Double>(rows: 0, columns: 2)) }?.message.contains("0 rows") == true)
        #expect(capturedDataError { try MinMaxScaler.fit(try Matrix<Double>([[1], [.infinity]])) }?.message.contains("NaN or infinity") == true)
        #expect(capturedDataError { try MinMaxScaler.fit(try Matrix<Double>([[1], [2]]), range: 1...1) }?.message.contains("low < high") == true)
    }
}
