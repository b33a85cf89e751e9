#if Service
import HTTPTypes
import Hummingbird
import Logit
import LogitImages
import NIOCore

extension Endpoints {
    /// `POST /v1/predict/image`: one or many image files as
    /// `multipart/form-data` (every part with a file name, or every part when
    /// none has one), or one image as the raw body (`image/png`, `image/jpeg`,
    /// `image/gif`, `image/bmp` or `application/octet-stream`; `?name=` names
    /// it in errors). Each image is validated and preprocessed as the model's
    /// training images were (``ImageClassifier``); answers a label and
    /// probabilities per file, in upload order, with prediction ids for
    /// `/v1/feedback`.
    ///
    /// Errors: 409 `not_an_image_model` for a model trained on a matrix, 413 for
    /// a file above the per-file limit (or a body above `--max-body`), 415 for
    /// a file that is not PNG, JPEG, GIF or BMP (by its bytes, not its name) or
    /// an unsupported Content-Type, 400 for any other bad file (truncated,
    /// too small or too large in pixels, CMYK), each naming the file. The whole
    /// request fails when one file does, so a batch is all or nothing.
    /// `?budget_ms=N` (or `X-Time-Budget-Ms`) bounds this request's time below
    /// `--timeout`: 503 `timeout` past it.
    ///
    /// Recent answers are cached by the SHA-256 of the file's bytes (per
    /// model): a file sent again is answered without decoding (`"cached": true`).
    func predictImage(_ request: Request) async throws -> Response {
        let budget = try Self.budget(request)
        guard let budget, budget < state.configuration.timeoutSeconds else {
            return try await classifyImages(request)
        }
        return try await Deadline.run(seconds: budget, timer: state.deadlines) { try await classifyImages(request) }
    }

    /// The per-request time budget in seconds, if the request sets one.
    static func budget(_ request: Request) throws -> Double? {
        guard let text = request.uri.queryParameters.get("budget_ms") ?? request.headers[HTTPField.Name("X-Time-Budget-Ms")!] else {
            return nil
        }
        guard let ms = Double(text), ms.isFinite, ms > 0 else {
            throw ServeError.badRequest("budget_ms '\(text)' is not a positive number of milliseconds")
        }
        return ms / 1000
    }

    private func classifyImages(_ request: Request) async throws -> Response {
        let model = try state.currentModel()
        guard let classifier = model.imageClassifier else {
            throw ServeError(.conflict, "not_an_image_model",
                             "the model \(model.name) was not trained on images (train it with `logit train --images DIR`); use /v1/predict for feature rows")
        }
        let buffer = try await body(request)
        let images = try Self.images(in: Array(buffer.readableBytesView), request: request)
        guard !images.isEmpty else { throw ServeError.badRequest("the request has no image (send files as multipart/form-data or one image as the body)") }
        guard images.count <= state.configuration.maxRows else {
            throw ServeError.badRequest("\(images.count) images in one request; the limit is \(state.configuration.maxRows) (--max-rows)")
        }
        let k = model.file.classNames.count
        var answers: [(entry: PredictionCache.Entry, cached: Bool, row: [Double]?)] = []
        answers.reserveCapacity(images.count)
        for image in images {
            try Task.checkCancellation()  // past the budget: stop decoding
            let key = SHA256.hex(image.bytes)
            if let entry = model.imageCache.get(key) {
                answers.append((entry, true, nil))
                continue
            }
            let row: [Double]
            do {
                try classifier.limits.checkFileSize(image.bytes.count, path: image.name)
                row = try classifier.featureRow(bytes: image.bytes, name: image.name)
            } catch {
                throw Self.status(of: error, bytes: image.bytes, limits: classifier.limits)
            }
            let prediction = try classifier.predict(rows: [row])[0]
            let entry = PredictionCache.Entry(label: prediction.label, probabilities: prediction.probabilities)
            model.imageCache.put(key, entry)
            answers.append((entry, false, row))
        }
        let firstID = state.reserveIDs(images.count)
        var counts = [Int](repeating: 0, count: k)
        let classKeys = (0..<k).map { model.classKeys.literal($0) }
        var out = model.predictionsPrefix
        for (i, answer) in answers.enumerated() {
            let id = firstID &+ UInt64(i)
            if let row = answer.row, row.count == model.file.featureCount {
                row.withUnsafeBufferPointer { x in
                    answer.entry.probabilities.withUnsafeBufferPointer { p in
                        model.monitor?.record(row: x, probabilities: p, id: id)
                    }
                }
            }
            counts[answer.entry.label] += 1
            if i > 0 { out += "," }
            out += "{\"id\":\"\(id)\",\"file\":\(JSONText.string(images[i].name)),\"label\":\(classKeys[answer.entry.label]),"
            out += "\"cached\":\(answer.cached),\"probabilities\":{"
            for c in 0..<k {
                if c > 0 { out += "," }
                out += classKeys[c] + ":" + JSONText.number(answer.entry.probabilities[c])
            }
            out += "}}"
        }
        out += "]}"
        state.metrics.predictions(classes: model.file.classNames, counts: counts)
        return Self.json(out)
    }

    /// The images of a request: the file parts of a multipart form, or the body.
    static func images(in body: [UInt8], request: Request) throws -> [(bytes: [UInt8], name: String)] {
        let contentType = request.headers.value(.contentType) ?? ""
        let mediaType = HTTPFields.mediaType(contentType)
        switch mediaType {
        case "multipart/form-data":
            let form = try MultipartForm(body: body, contentType: contentType)
            let files = form.parts.contains { $0.filename != nil } ? form.parts.filter { $0.filename != nil } : form.parts
            return files.enumerated().map { index, part in
                (part.bytes, part.filename.flatMap { $0.isEmpty ? nil : $0 } ?? (part.name.isEmpty ? "part \(index + 1)" : part.name))
            }
        case "image/png", "image/jpeg", "image/jpg", "image/gif", "image/bmp", "image/x-ms-bmp", "application/octet-stream":
            return [(body, request.uri.queryParameters.get("name").map { String($0) } ?? "body")]
        default:
            throw ServeError(.unsupportedMediaType, "unsupported_media_type",
                             "Content-Type '\(contentType)': send images as multipart/form-data, or one image as image/png, image/jpeg, image/gif, image/bmp or application/octet-stream")
        }
    }

    /// The HTTP answer for a file the classifier refused.
    static func status(of error: any Error, bytes: [UInt8], limits: ImageLimits) -> ServeError {
        let message = (error as? ImageError)?.description ?? "\(error)"
        if bytes.count > limits.maxFileBytes {
            return ServeError(.contentTooLarge, "image_too_large", message)
        }
        if !bytes.isEmpty, bytes.withUnsafeBytes({ ImageFormat.detect($0) }) == nil {
            return ServeError(.unsupportedMediaType, "unsupported_image", message)
        }
        return ServeError(.badRequest, "bad_image", message)
    }
}
#endif
