import LogitNumerics

/// A fitted feature scaling of any kind, or none: what a model stores to scale
/// new rows exactly as its training rows were scaled.
public enum FeatureScaler: Sendable, Hashable, Codable {
    /// No scaling: rows pass through unchanged.
    case none
    /// Standardization (see ``StandardScaler``).
    case standard(StandardScaler)
    /// Min–max rescaling (see ``MinMaxScaler``).
    case minMax(MinMaxScaler)

    /// The kinds of scaling, for configuration and the command line.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// No scaling.
        case none
        /// Z-score standardization.
        case standard
        /// Min–max to [0, 1].
        case minMax
    }

    /// Fits a scaler of `kind` to the rows of `x`.
    ///
    /// - Throws: ``DataError`` as the scaler's `fit` does.
    /// - Complexity: O(n × d) (O(1) for `.none`).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func fit<T: LogitScalar>(_ kind: Kind, to x: Matrix<T>) throws(DataError) -> FeatureScaler {
        switch kind {
        case .none: .none
        case .standard: .standard(try StandardScaler.fit(x))
        case .minMax: .minMax(try MinMaxScaler.fit(x))
        }
    }

    /// Fits a scaler of `kind` to the selected rows of `x`, reading them in place.
    ///
    /// - Throws: ``DataError`` as the scaler's `fit` does; min–max scaling of a
    ///   selection that is not every row is not supported (fit it on a copy).
    /// - Complexity: O(m × d) for m selected rows.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func fit<T: LogitScalar>(_ kind: Kind, to x: Matrix<T>, rows: RowSelection) throws(DataError) -> FeatureScaler {
        switch kind {
        case .none: return .none
        case .standard: return .standard(try StandardScaler.fit(x, rows: rows))
        case .minMax:
            guard rows.isAll(of: x.rows) else {
                throw DataError("min-max scaling of a row selection is not supported; fit it on the selected rows' copy")
            }
            return .minMax(try MinMaxScaler.fit(x))
        }
    }

    /// The scaling as one affine map per feature, x′ⱼ = aⱼ·xⱼ + cⱼ (`nil` for
    /// `.none`): standardization has aⱼ = 1/scaleⱼ, cⱼ = −meanⱼ/scaleⱼ;
    /// min–max has aⱼ = scaleⱼ, cⱼ = offsetⱼ. Training folds it into the
    /// weights instead of writing scaled rows.
    public var affine: (multiplier: [Double], shift: [Double])? {
        switch self {
        case .none: return nil
        case .standard(let s):
            return (s.scale.map { 1 / $0 }, zip(s.mean, s.scale).map { -$0 / $1 })
        case .minMax(let s):
            return (s.scale, s.offset)
        }
    }

    /// The kind of this scaler.
    public var kind: Kind {
        switch self {
        case .none: .none
        case .standard: .standard
        case .minMax: .minMax
        }
    }

    /// The features found constant when fitting (empty for `.none`).
    public var constantFeatures: [Int] {
        switch self {
        case .none: []
        case .standard(let s): s.constantFeatures
        case .minMax(let s): s.constantFeatures
        }
    }

    /// The number of features it was fitted on (nil for `.none`, which takes any).
    public var featureCount: Int? {
        switch self {
        case .none: nil
        case .standard(let s): s.featureCount
        case .minMax(let s): s.featureCount
        }
    }

    /// Scales the rows of `x` (unchanged for `.none`).
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        switch self {
        case .none: x
        case .standard(let s): try s.transform(x)
        case .minMax(let s): try s.transform(x)
        }
    }

    /// Scales `x` in place.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transformInPlace<T: LogitScalar>(_ x: inout Matrix<T>) throws(DataError) {
        switch self {
        case .none: break
        case .standard(let s): try s.transformInPlace(&x)
        case .minMax(let s): try s.transformInPlace(&x)
        }
    }
}
