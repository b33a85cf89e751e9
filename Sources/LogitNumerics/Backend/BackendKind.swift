#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The two implementations of ``NumericBackend``, selectable at run time.
///
/// The environment variable `LOGIT_BACKEND` (`blas` or `swift`) chooses the
/// default, and `LOGIT_THREADS` the thread count; see ``fromEnvironment(_:)``.
public enum BackendKind: String, Sendable, CaseIterable, CustomStringConvertible {
    /// CBLAS from OpenBLAS and LAPACKE. Available when the package is built with
    /// its `OpenBLAS` trait (the default).
    case blas
    /// Pure Swift with SIMD kernels; always available.
    case swift

    public var description: String { rawValue }

    /// Whether this build includes the BLAS backend (the `OpenBLAS` trait is on).
    public static var isBLASAvailable: Bool {
        #if OpenBLAS
        return true
        #else
        return false
        #endif
    }

    /// The backends this build can make: both with the `OpenBLAS` trait, only
    /// ``swift`` without it.
    public static var available: [BackendKind] {
        isBLASAvailable ? [.blas, .swift] : [.swift]
    }

    /// ``blas`` when this build has it, ``swift`` otherwise.
    public static var preferred: BackendKind { isBLASAvailable ? .blas : .swift }

    /// Parses a backend name as written on a command line or in
    /// `LOGIT_BACKEND` (case-insensitive, surrounding blanks ignored).
    ///
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` for an
    ///   unknown name, or for `blas` in a build without OpenBLAS.
    public init(parsing text: String, source: String = "backend") throws(NumericError) {
        let name = text.trimmingBlanks().lowercased()
        guard let kind = BackendKind(rawValue: name) else {
            throw .invalidArgument(operation: source,
                                   message: "unknown backend '\(text)' (expected one of: blas, swift)")
        }
        if kind == .blas && !BackendKind.isBLASAvailable {
            throw .invalidArgument(
                operation: source,
                message: "backend 'blas' is not in this build (built without the OpenBLAS trait); use 'swift'")
        }
        self = kind
    }

    /// The backend named by `LOGIT_BACKEND`, or ``preferred`` when it is unset
    /// or empty.
    ///
    /// - Parameter environment: the variables to read; the process environment
    ///   by default.
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` naming the
    ///   variable when its value is not a backend of this build.
    public static func fromEnvironment(_ environment: [String: String]? = nil) throws(NumericError) -> BackendKind {
        let value = environment.map { $0["LOGIT_BACKEND"] } ?? BackendKind.processVariable("LOGIT_BACKEND")
        guard let value, !value.trimmingBlanks().isEmpty else { return preferred }
        return try BackendKind(parsing: value, source: "LOGIT_BACKEND")
    }

    /// The thread count named by `LOGIT_THREADS`, or `nil` when it is unset or empty.
    ///
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` when the
    ///   value is not a whole number ≥ 1.
    public static func threadsFromEnvironment(_ environment: [String: String]? = nil) throws(NumericError) -> Int? {
        let value = environment.map { $0["LOGIT_THREADS"] } ?? BackendKind.processVariable("LOGIT_THREADS")
        guard let value, !value.trimmingBlanks().isEmpty else { return nil }
        guard let threads = Int(value.trimmingBlanks()), threads >= 1 else {
            throw .invalidArgument(operation: "LOGIT_THREADS",
                                   message: "'\(value)' is not a thread count (expected a whole number ≥ 1)")
        }
        return threads
    }

    /// Makes a backend of this kind.
    ///
    /// - Parameter threads: how many threads its operations may use; `nil`
    ///   means one per core. For ``blas`` this sets OpenBLAS's process-wide
    ///   thread count (`openblas_set_num_threads`).
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` for
    ///   ``blas`` in a build without OpenBLAS, or a thread count below 1.
    public func makeBackend(threads: Int? = nil) throws(NumericError) -> any NumericBackend {
        switch self {
        case .swift:
            return try SwiftBackend(threads: threads)
        case .blas:
            #if OpenBLAS
            return try BLASBackend(threads: threads)
            #else
            throw .invalidArgument(
                operation: "makeBackend",
                message: "backend 'blas' is not in this build (built without the OpenBLAS trait); use 'swift'")
            #endif
        }
    }

    /// The kernels this backend runs, for the record: for ``blas``, OpenBLAS's
    /// kernel set and why it was chosen (``OpenBLASCore/selection``); nil for
    /// ``swift`` (its kernels are this package's) or without the BLAS backend.
    public var kernelSelection: String? {
        #if OpenBLAS
        return self == .blas ? OpenBLASCore.selection : nil
        #else
        return nil
        #endif
    }

    /// The kernel of the binary pass a backend of this kind makes by default
    /// (``makeBackend(threads:)``) runs for rows of `features` elements of type
    /// `T`: ``BinaryPass/fusedRows`` for ``swift``; for ``blas`` the start-up
    /// measurement's choice (``BLASBackend/measuredBinaryPass(for:features:)``).
    public func binaryPass<T: LogitScalar>(for type: T.Type, features: Int) -> BinaryPass {
        #if OpenBLAS
        return self == .blas ? BLASBackend.measuredBinaryPass(for: type, features: features) : .fusedRows
        #else
        return .fusedRows
        #endif
    }

    /// The kernel of the binary pass that training on `rows` rows of
    /// `features` elements of type `T` runs with a backend of this kind:
    /// ``BinaryPass/transposedCopy`` for small data with rows narrower than
    /// one vector (at most 4 MiB of rows), else ``binaryPass(for:features:)``.
    /// The training record (`--json`, the model file) names it.
    public func binaryPass<T: LogitScalar>(for type: T.Type, features: Int, rows: Int) -> BinaryPass {
        ColumnBinaryPass.wanted(rows: rows, features: features, of: type)
            ? .transposedCopy : binaryPass(for: type, features: features)
    }

    /// The number of cores the process may run on.
    public static var coreCount: Int {
        #if canImport(Glibc) || canImport(Musl)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return max(1, Int(sysconf(_SC_NPROCESSORS_ONLN)))
        #endif
    }

    private static func processVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
