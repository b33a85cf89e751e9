import LogitNumerics
import Testing

@Suite("Backend selection")
struct BackendKindTests {
    @Test func environmentSelectsBackend() throws {
        #expect(try BackendKind.fromEnvironment([:]) == BackendKind.preferred)
        #expect(try BackendKind.fromEnvironment(["LOGIT_BACKEND": " Swift "]) == .swift)
        let error = #expect(throws: NumericError.self) {
            _ = try BackendKind.fromEnvironment(["LOGIT_BACKEND": "cuda"])
        }
        #expect(error?.description == "LOGIT_BACKEND: unknown backend 'cuda' (expected one of: blas, swift)")
        if BackendKind.isBLASAvailable {
            #expect(try BackendKind.fromEnvironment(["LOGIT_BACKEND": "blas"]) == .blas)
        } else {
            #expect(throws: NumericError.self) { _ = try BackendKind.fromEnvironment(["LOGIT_BACKEND": "blas"]) }
        }
    }

    @Test func threadCountFromEnvironment() throws {
        #expect(try BackendKind.threadsFromEnvironment([:]) == nil)
        #expect(try BackendKind.threadsFromEnvironment(["LOGIT_THREADS": "3"]) == 3)
        for bad in ["0", "-2", "two"] {
            #expect(throws: NumericError.self) { _ = try BackendKind.threadsFromEnvironment(["LOGIT_THREADS": bad]) }
        }
        #expect(throws: NumericError.self) { _ = try SwiftBackend(threads: 0) }
    }

    @Test(arguments: BackendKind.available)
    func makesTheKindAsked(kind: BackendKind) throws {
        let backend = try kind.makeBackend(threads: 2)
        #expect(backend.kind == kind)
        #expect(backend.threadCount == 2)
    }

    #if OpenBLAS
    @Test func blasThreadCountIsOpenBLASs() throws {
        _ = try BLASBackend(threads: 1)
        #expect(BLASBackend.currentThreadCount == 1)
        #expect(BLASBackend.configuration.contains("OpenBLAS"))
    }
    #else
    @Test func blasIsAbsentWithoutTheTrait() {
        #expect(BackendKind.available == [.swift])
        #expect(throws: NumericError.self) { _ = try BackendKind.blas.makeBackend() }
    }
    #endif
}
