import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Feature scaler")
struct FeatureScalerTests {
    @Test(arguments: FeatureScaler.Kind.allCases)
    func fitsTransformsAndCodes(kind: FeatureScaler.Kind) throws {
        let x = try Matrix<Double>([[1, 5, 0], [2, 5, 4], [6, 5, 8]])
        let scaler = try FeatureScaler.fit(kind, to: x)
        #expect(scaler.kind == kind)
        switch kind {
        case .none:
            #expect(try scaler.transform(x) == x && scaler.featureCount == nil && scaler.constantFeatures.isEmpty)
        case .standard:
            #expect(try scaler.transform(x) == (try StandardScaler.fit(x).transform(x)))
            #expect(scaler.constantFeatures == [1] && scaler.featureCount == 3)
        case .minMax:
            #expect(try scaler.transform(x) == (try MinMaxScaler.fit(x).transform(x)))
            #expect(scaler.constantFeatures == [1])
        }
        var y = x
        try scaler.transformInPlace(&y)
        #expect(y == (try scaler.transform(x)))
        #expect(try JSONDecoder().decode(FeatureScaler.self, from: JSONEncoder().encode(scaler)) == scaler)
        if kind != .none {
            #expect(capturedDataError { try scaler.transform(Matrix<Double>(rows: 1, columns: 2)) } != nil)
        }
    }
}
