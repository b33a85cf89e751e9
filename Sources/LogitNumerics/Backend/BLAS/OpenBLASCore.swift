#if OpenBLAS
import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The kernel set ("core type") OpenBLAS runs in this process, and the one it
/// should run when it did not recognise the CPU.
///
/// An OpenBLAS built with `DYNAMIC_ARCH` (Debian's is) picks its kernels from
/// the CPU model when the library loads. A release older than the CPU — Debian
/// 12's 0.3.21 on a Sapphire or Emerald Rapids Xeon — does not recognise it and
/// falls back to its generic `Prescott` (SSE3) kernels, although the CPU has
/// AVX-512. Measured on such a Xeon: a 512³ dgemm is about 6× faster with
/// `OPENBLAS_CORETYPE=SkylakeX`, and a 10-class L-BFGS fit on 5000×784 rows
/// 2.5× faster; NumPy's wheels ship a newer OpenBLAS that knows the CPU.
///
/// `OPENBLAS_CORETYPE` is read only while the library loads, before `main`, so
/// a program changes the kernels by running itself again with the variable
/// set: ``relaunchWithRecommendedCore()``, which `logit` and `logit-bench` call
/// first thing. A program that links the engine can do the same, or set the
/// variable itself. Setting `OPENBLAS_CORETYPE` (to any value) always wins:
/// nothing is relaunched.
public enum OpenBLASCore {
    /// The kernel set OpenBLAS chose when it loaded (`openblas_get_corename`),
    /// e.g. `"Prescott"`, `"Haswell"`, `"SkylakeX"`, `"Zen"`.
    public static var current: String { String(cString: openblas_get_corename()) }

    /// The name of the environment variable OpenBLAS reads at load time.
    public static let environmentVariable = "OPENBLAS_CORETYPE"

    /// Set by ``relaunchWithRecommendedCore()`` in the relaunched process to
    /// the kernel set OpenBLAS had fallen back to, so that reports can say why
    /// the kernels differ from OpenBLAS's own choice.
    public static let relaunchVariable = "LOGIT_OPENBLAS_FALLBACK"

    /// The core type to ask for when OpenBLAS fell back to its generic kernels
    /// (`current` is `Prescott`) on a CPU with wider vectors; `nil` when
    /// OpenBLAS recognised the CPU (its choice stands) or the CPU has nothing
    /// better.
    ///
    /// - Parameters:
    ///   - current: the kernel set OpenBLAS chose (``current``).
    ///   - cpuFlags: the CPU's feature flags as Linux lists them in
    ///     `/proc/cpuinfo` (``cpuFlags``), which lists only what the kernel
    ///     enabled (AVX-512 only when it saves the registers).
    /// - Returns: `"SkylakeX"` (AVX-512 F, CD, BW, DQ, VL), `"Haswell"` (AVX2
    ///   and FMA), `"Sandybridge"` (AVX), or `nil`.
    public static func recommended(current: String, cpuFlags: Set<String>) -> String? {
        guard current.lowercased() == "prescott" else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        if cpuFlags.contains("avx") { return "Sandybridge" }
        return nil
    }

    /// ``recommended(current:cpuFlags:)`` for this process and CPU (reads
    /// `/proc/cpuinfo` only when OpenBLAS fell back to its generic kernels).
    public static var recommendation: String? {
        let core = current
        guard core.lowercased() == "prescott" else { return nil }
        return recommended(current: core, cpuFlags: cpuFlags)
    }

    /// The feature flags of the first CPU in `/proc/cpuinfo` (empty where there is none).
    public static var cpuFlags: Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            if let flags = parseFlags(line: String(cString: line)) { return flags }
        }
        return []
    }

    /// The flags of one `/proc/cpuinfo` line that starts with `flags`, or nil
    /// for any other line.
    public static func parseFlags(line: String) -> Set<String>? {
        guard let colon = line.firstIndex(of: ":"),
              String(line[..<colon]).trimmingBlanks() == "flags" else { return nil }
        return Set(line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map(String.init))
    }

    /// Runs this program again, with the same arguments, under the recommended
    /// kernels, when OpenBLAS fell back to its generic ones and
    /// `OPENBLAS_CORETYPE` is not set; otherwise returns at once.
    ///
    /// Call it first thing in `main`, before any work (the process image is
    /// replaced: `/proc/self/exe` with the same process id, arguments and
    /// environment plus `OPENBLAS_CORETYPE` and ``relaunchVariable``). When the
    /// relaunch fails the variables are removed and the program goes on with
    /// OpenBLAS's own kernels. The variable set in the new process stops any
    /// second relaunch.
    public static func relaunchWithRecommendedCore() {
        guard getenv(environmentVariable) == nil, let core = recommendation else { return }
        setenv(relaunchVariable, current, 1)
        setenv(environmentVariable, core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Still here: the relaunch failed; nothing has changed.
        unsetenv(environmentVariable)
        unsetenv(relaunchVariable)
    }

    /// What ran and why, for reports: e.g. `"SkylakeX (relaunched: OpenBLAS
    /// 0.3.21 fell back to Prescott on this CPU)"`, `"Haswell
    /// (OPENBLAS_CORETYPE)"`, or `"Zen (OpenBLAS's choice)"`.
    public static var selection: String {
        let core = current
        if let fallback = getenv(relaunchVariable).map({ String(cString: $0) }) {
            return "\(core) (relaunched: OpenBLAS \(version) fell back to \(fallback) on this CPU)"
        }
        if getenv(environmentVariable) != nil { return "\(core) (\(environmentVariable))" }
        return "\(core) (OpenBLAS's choice)"
    }

    /// OpenBLAS's version, the second word of its configuration string (e.g. `0.3.21`).
    public static var version: String {
        let words = BLASBackend.configuration.split(separator: " ")
        return words.count > 1 ? String(words[1]) : "?"
    }
}
#endif
