#if OpenBLAS
import LogitNumerics
import Testing

/// The BLAS backend's start-up choice of binary-pass kernel.
@Suite("Binary pass calibration")
struct BinaryPassCalibrationTests {
    /// Both kernels were timed, and the choice follows the stated rule: the
    /// blocked gemv pass only when it took at most `margin` of the fused time.
    @Test func choiceFollowsTheMeasurement() throws {
        for calibration in [BLASBackend.binaryPassCalibration(for: Float.self),
                            BLASBackend.binaryPassCalibration(for: Double.self)] {
            #expect(calibration.fusedRowsSeconds > 0 && calibration.fusedRowsSeconds.isFinite)
            #expect(calibration.blockedGemvSeconds > 0 && calibration.blockedGemvSeconds.isFinite)
            let expected: BinaryPass = calibration.ratio <= BinaryPassCalibration.margin ? .blockedGemv : .fusedRows
            #expect(calibration.choice == expected, "\(calibration)")
            #expect(calibration.description.hasPrefix(expected.rawValue + " (blocked gemv took "))
        }
    }

    /// Narrow rows always run the fused kernel; wider ones the measured
    /// choice; a requested pass wins at every width; the Swift backend and
    /// `BackendKind` report the same.
    @Test func passPerWidth() throws {
        let measured = try BLASBackend(threads: 1)
        #expect(measured.binaryPass(for: Float.self, features: 15) == .fusedRows)
        #expect(measured.binaryPass(for: Double.self, features: 7) == .fusedRows)
        #expect(measured.binaryPass(for: Float.self, features: 784)
                    == BLASBackend.binaryPassCalibration(for: Float.self).choice)
        #expect(measured.binaryPass(for: Double.self, features: 8)
                    == BLASBackend.binaryPassCalibration(for: Double.self).choice)
        #expect(BackendKind.blas.binaryPass(for: Double.self, features: 784)
                    == measured.binaryPass(for: Double.self, features: 784))
        for pass in BinaryPass.allCases {
            let forced = try BLASBackend(threads: 1, binaryPass: pass)
            #expect(forced.binaryPass(for: Double.self, features: 3) == pass)
            #expect(forced.binaryPass(for: Float.self, features: 784) == pass)
        }
        #expect(try SwiftBackend(threads: 1).binaryPass(for: Float.self, features: 784) == .fusedRows)
        #expect(BackendKind.swift.binaryPass(for: Float.self, features: 784) == .fusedRows)
    }

    /// Block sizes: 16 KiB of X for the fused kernel, 256 KiB (at most 4096
    /// rows) for the blocked gemv pass.
    @Test func blockRows() throws {
        let gemv = try BLASBackend(threads: 1, binaryPass: .blockedGemv)
        #expect(gemv.binaryBlockRows(features: 784, stride: 4) == 83)
        #expect(gemv.binaryBlockRows(features: 3, stride: 8) == 4096)
        #expect(gemv.binaryBlockRows(features: 100_000, stride: 8) == 1)
        let fused = try BLASBackend(threads: 1, binaryPass: .fusedRows)
        #expect(fused.binaryBlockRows(features: 784, stride: 4) == 5)
        #expect(fused.binaryBlockRows(features: 3, stride: 8) == 64)
    }
}
#endif
