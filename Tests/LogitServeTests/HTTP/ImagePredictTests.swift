#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Logit
import LogitImages
import LogitNumerics
import Testing
@testable import LogitServe

/// `POST /v1/predict/image` on a model trained on images: raw bodies and
/// multipart uploads, the content-hash cache, and each refusal with its status
/// and the file's name. The images are BMP files written here (dark and bright
/// squares); the expected probabilities are the library's ``ImageClassifier``
/// on the same bytes (this checks the HTTP plumbing; the decoders and the
/// engine are checked against Pillow and scikit-learn elsewhere).
@Suite(.timeLimit(.minutes(2))) struct ImagePredictTests {
    /// A grey 24-bit BMP of `width`×`height` pixels with values around `level`.
    static func bmp(width: Int, height: Int, level: Int, seed: Int) -> [UInt8] {
        let stride = (width * 3 + 3) & ~3
        let size = 54 + stride * height
        var bytes = [UInt8](repeating: 0, count: size)
        func put32(_ value: Int, at offset: Int) {
            for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
        }
        bytes[0] = UInt8(ascii: "B"); bytes[1] = UInt8(ascii: "M")
        put32(size, at: 2); put32(54, at: 10); put32(40, at: 14)
        put32(width, at: 18); put32(height, at: 22)
        bytes[26] = 1; bytes[28] = 24
        put32(stride * height, at: 34)
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let value = UInt8(clamping: level + Int(state >> 60) - 8)
                for c in 0..<3 { bytes[54 + y * stride + x * 3 + c] = value }
            }
        }
        return bytes
    }

    /// Dark (class "dark") and bright (class "bright") images: a model trained
    /// on them through the image preprocessing, written to `folder`.
    static func imageModel(in folder: TestFolder) throws -> (path: String, file: ModelFile) {
        let settings = ImagePreprocessing(width: 10, height: 10, color: .gray)
        var rows: [[Double]] = [], labels: [Int] = []
        for i in 0..<20 {
            let bytes = bmp(width: 12, height: 12, level: i % 2 == 0 ? 50 : 200, seed: i)
            let image = try ImageDecoder().decode(bytes: bytes, path: "train\(i).bmp")
            rows.append(ImagePreprocessor(settings).features(of: image))
            labels.append(i % 2)
        }
        let data = try Dataset<Double>(features: try Matrix(rows), labels: labels,
                                       featureNames: (0..<100).map { "pixel_\($0 / 10)_\($0 % 10)" },
                                       classNames: ["dark", "bright"])
        var file = try LogisticClassifier<Double>(fitting: data).modelFile
        file.imagePreprocessing = settings
        let path = folder.path("images.json")
        try file.write(to: path)
        return (path, file)
    }

    /// `base` with its Content-Type replaced.
    static func fields(_ base: HTTPFields, contentType: String) -> HTTPFields {
        var fields = base
        fields[.contentType] = contentType
        return fields
    }

    static func multipart(_ files: [(name: String, bytes: [UInt8])], boundary: String = "XyZ-boundary") -> ByteBuffer {
        var body: [UInt8] = []
        for file in files {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes
            body += Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ByteBuffer(bytes: body)
    }

    static func harness(_ configure: @escaping (inout ServeConfiguration) -> Void = { _ in }) throws -> (ServiceHarness, ModelFile, TestFolder) {
        let folder = try TestFolder()
        let (path, file) = try imageModel(in: folder)
        let harness = try ServiceHarness { configuration in
            configuration.model = path
            configure(&configuration)
        }
        return (harness, file, folder)
    }

    @Test func rawBodyIsClassifiedThenCached() async throws {
        let (harness, file, folder) = try Self.harness()
        let bright = Self.bmp(width: 30, height: 20, level: 190, seed: 99)
        let expected = try ImageClassifier<Double>(file: file).classify(bytes: bright, name: "x")
        let headers = Self.fields(harness.user, contentType: "image/bmp")
        try await harness.test { client in
            for cached in [false, true] {
                try await client.execute(uri: "/v1/predict/image?name=up.bmp", method: .post, headers: headers,
                                         body: ByteBuffer(bytes: bright)) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    let prediction = (response.object["predictions"] as? [[String: Any]])?.first ?? [:]
                    #expect(prediction["label"] as? String == "bright")
                    #expect(prediction["file"] as? String == "up.bmp")
                    #expect(prediction["cached"] as? Bool == cached)
                    let p = prediction["probabilities"] as? [String: Double] ?? [:]
                    // Tolerance 1e-15: Foundation's JSONSerialization on Linux
                    // may round the 17th digit of the printed probability.
                    let bright: Double = p["bright"] ?? .nan, dark: Double = p["dark"] ?? .nan
                    let brightError = abs(bright - expected.probabilities[1]), darkError = abs(dark - expected.probabilities[0])
                    #expect(brightError <= 1e-15)
                    #expect(darkError <= 1e-15)
                }
            }
        }
        _ = folder
    }

    @Test func multipartFilesAnswerInOrder() async throws {
        let (harness, _, folder) = try Self.harness()
        let body = Self.multipart([("a-dark.bmp", Self.bmp(width: 16, height: 16, level: 40, seed: 1)),
                                   ("b-bright.bmp", Self.bmp(width: 16, height: 16, level: 210, seed: 2))])
        let headers = Self.fields(harness.user, contentType: "multipart/form-data; boundary=XyZ-boundary")
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict/image", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok, "\(response.text)")
                let predictions = response.object["predictions"] as? [[String: Any]] ?? []
                #expect(predictions.map { $0["file"] as? String } == ["a-dark.bmp", "b-bright.bmp"])
                #expect(predictions.map { $0["label"] as? String } == ["dark", "bright"])
                #expect(Set(predictions.compactMap { $0["id"] as? String }).count == 2)
            }
        }
        _ = folder
    }

    @Test func badFilesAreRefusedWithTheirNameAndStatus() async throws {
        let (harness, _, folder) = try Self.harness { $0.imageLimits.maxFileBytes = 4000 }
        let multipartHeaders = Self.fields(harness.user, contentType: "multipart/form-data; boundary=XyZ-boundary")
        let good = Self.bmp(width: 16, height: 16, level: 40, seed: 1)
        let cases: [(String, [UInt8], HTTPResponse.Status, String)] = [
            ("notes.png", Array("hello, this is text".utf8), .unsupportedMediaType, "notes.png"),
            ("tiny.bmp", Self.bmp(width: 5, height: 5, level: 40, seed: 3), .badRequest, "5×5 pixels, below the 10×10 minimum"),
            ("big.bmp", Self.bmp(width: 60, height: 60, level: 40, seed: 4), .contentTooLarge, "big.bmp"),
            ("cut.bmp", Array(good.prefix(80)), .badRequest, "cut.bmp"),
            ("empty.bmp", [], .badRequest, "empty.bmp"),
        ]
        try await harness.test { client in
            for (name, bytes, status, mention) in cases {
                let body = Self.multipart([("fine.bmp", good), (name, bytes)])
                try await client.execute(uri: "/v1/predict/image", method: .post, headers: multipartHeaders, body: body) { response in
                    #expect(response.status == status, "\(name): \(response.text)")
                    #expect(response.errorMessage.contains(mention), "\(name): \(response.errorMessage)")
                }
            }
            let json = Self.fields(harness.user, contentType: "application/json")
            try await client.execute(uri: "/v1/predict/image", method: .post, headers: json,
                                     body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/v1/predict/image", method: .post, headers: multipartHeaders,
                                     body: ByteBuffer(string: "--XyZ-boundary\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end")) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("not closed by the boundary"), "\(response.errorMessage)")
            }
            // still serving
            try await client.execute(uri: "/v1/predict/image", method: .post, headers: multipartHeaders,
                                     body: Self.multipart([("fine.bmp", good)])) { response in
                #expect(response.status == .ok)
            }
        }
        _ = folder
    }

    @Test func aModelTrainedOnAMatrixAnswers409() async throws {
        let harness = try ServiceHarness()
        let headers = Self.fields(harness.user, contentType: "image/bmp")
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict/image", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: Self.bmp(width: 16, height: 16, level: 40, seed: 1))) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "not_an_image_model")
            }
        }
    }

    @Test func aTimeBudgetBelowTheWorkAnswers503() async throws {
        let (harness, _, folder) = try Self.harness()
        let headers = Self.fields(harness.user, contentType: "image/bmp")
        // 2000×2000 pixels: decoding and shrinking take far longer than 1 ms.
        let large = Self.bmp(width: 2000, height: 2000, level: 40, seed: 5)
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict/image?budget_ms=1", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: large)) { response in
                #expect(response.status == .serviceUnavailable, "\(response.text.prefix(300))")
                #expect(response.errorCode == "timeout")
            }
            try await client.execute(uri: "/v1/predict/image?budget_ms=abc", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: large)) { response in
                #expect(response.status == .badRequest)
            }
        }
        _ = folder
    }
}
#endif
