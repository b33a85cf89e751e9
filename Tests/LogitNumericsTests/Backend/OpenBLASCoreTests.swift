#if OpenBLAS
import LogitNumerics
import Testing

/// Which OpenBLAS kernels to ask for when OpenBLAS did not recognise the CPU.
@Suite("OpenBLAS kernel choice")
struct OpenBLASCoreTests {
    static let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    @Test func fallbackIsReplacedByTheWidestTheCPUHas() {
        #expect(OpenBLASCore.recommended(current: "Prescott", cpuFlags: Self.avx512) == "SkylakeX")
        #expect(OpenBLASCore.recommended(current: "Prescott", cpuFlags: ["avx", "avx2", "fma", "avx512f"]) == "Haswell",
                "AVX-512 F alone is not what the SkylakeX kernels need")
        #expect(OpenBLASCore.recommended(current: "Prescott", cpuFlags: ["sse2", "avx"]) == "Sandybridge")
        #expect(OpenBLASCore.recommended(current: "Prescott", cpuFlags: ["sse2", "sse3"]) == nil)
        #expect(OpenBLASCore.recommended(current: "Prescott", cpuFlags: []) == nil)
    }

    @Test(arguments: ["Haswell", "SkylakeX", "Cooperlake", "Zen", "Sandybridge"])
    func recognisedCPUsKeepOpenBLASsChoice(core: String) {
        #expect(OpenBLASCore.recommended(current: core, cpuFlags: Self.avx512) == nil)
    }

    @Test func parsesTheFlagsLine() {
        #expect(OpenBLASCore.parseFlags(line: "flags\t\t: fpu sse2 avx2 avx512f\n") == ["fpu", "sse2", "avx2", "avx512f"])
        #expect(OpenBLASCore.parseFlags(line: "model name\t: Intel(R) Xeon(R)\n") == nil)
        #expect(OpenBLASCore.parseFlags(line: "vmx flags\t: vnmi\n") == nil, "another line that contains 'flags'")
    }

    /// This process runs what OpenBLAS reports, and the report names it.
    @Test func selectionNamesTheRunningKernels() {
        let current = OpenBLASCore.current
        #expect(!current.isEmpty)
        #expect(BLASBackend.configuration.contains(current))
        #expect(OpenBLASCore.selection.hasPrefix(current + " ("))
        #expect(BackendKind.blas.kernelSelection == OpenBLASCore.selection)
        #expect(BackendKind.swift.kernelSelection == nil)
    }
}
#endif
