import LogitNumerics

/// The element types of `.npy` files that the loader reads and the writer
/// writes, all little-endian: the NumPy `descr` strings `<f4`, `<f8`, `|i1`,
/// `<i2`, `<i4`, `<i8`, `|u1`, `<u2`, `<u4`, `<u8`.
///
/// Features can be any of them (only `<f4` into `Float` and `<f8` into `Double`
/// load without a copy); labels can be any of them, floats holding whole numbers.
public enum NPYElementType: String, Sendable, Hashable, CaseIterable, Codable {
    /// `<f4`, IEEE binary32.
    case float32 = "<f4"
    /// `<f8`, IEEE binary64.
    case float64 = "<f8"
    /// `|i1`, signed 8-bit integer.
    case int8 = "|i1"
    /// `<i2`, signed 16-bit integer.
    case int16 = "<i2"
    /// `<i4`, signed 32-bit integer.
    case int32 = "<i4"
    /// `<i8`, signed 64-bit integer.
    case int64 = "<i8"
    /// `|u1`, unsigned 8-bit integer.
    case uint8 = "|u1"
    /// `<u2`, unsigned 16-bit integer.
    case uint16 = "<u2"
    /// `<u4`, unsigned 32-bit integer.
    case uint32 = "<u4"
    /// `<u8`, unsigned 64-bit integer.
    case uint64 = "<u8"

    /// The NumPy `descr` string, as written in a header.
    public var descr: String { rawValue }

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .float32, .int32, .uint32: 4
        case .float64, .int64, .uint64: 8
        }
    }

    /// Whether the elements are floating-point numbers.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The element type storing `T` without conversion.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func matching<T: LogitScalar>(_: T.Type) -> NPYElementType {
        T.self == Float.self ? .float32 : .float64
    }

    /// The type a header's `descr` names, or a description of why it is not
    /// supported. Byte order `<` (little), `|` (not applicable) and `=` (native,
    /// little-endian hosts) are accepted; `>` only for one-byte types.
    static func parse(descr: String) -> Result<NPYElementType, UnsupportedDescr> {
        let scalars = Array(descr.unicodeScalars)
        guard scalars.count >= 3 else { return .failure(.unsupported) }
        let order = scalars[0]
        let rest = String(String.UnicodeScalarView(scalars[1...]))
        let candidates = NPYElementType.allCases.filter { String($0.rawValue.dropFirst()) == rest }
        guard let type = candidates.first else { return .failure(.unsupported) }
        switch order {
        case "<", "|":
            return .success(type)
        case "=":
            #if _endian(little)
            return .success(type)
            #else
            return type.byteCount == 1 ? .success(type) : .failure(.bigEndian)
            #endif
        case ">":
            return type.byteCount == 1 ? .success(type) : .failure(.bigEndian)
        default:
            return .failure(.unsupported)
        }
    }

    /// Why a `descr` cannot be read.
    enum UnsupportedDescr: Error {
        case unsupported, bigEndian
    }
}
