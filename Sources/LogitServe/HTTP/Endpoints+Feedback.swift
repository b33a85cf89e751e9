#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// `POST /v1/feedback`: true labels for earlier predictions.
extension Endpoints {
    /// `POST /v1/feedback` body.
    struct FeedbackBody: Decodable {
        struct Item: Decodable {
            var id: String
            var label: String

            enum CodingKeys: String, CodingKey { case id, label }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                if let text = try? c.decode(String.self, forKey: .id) {
                    id = text
                } else {
                    id = String(try c.decode(UInt64.self, forKey: .id))
                }
                label = try c.decode(String.self, forKey: .label)
            }
        }

        var feedback: [Item]
    }

    /// `POST /v1/feedback` response.
    struct FeedbackResponse: Encodable {
        var accepted: Int
        var unknown: [String]
        var quality: LiveQuality.Scores?
    }

    func feedback(_ request: Request) async throws -> Response {
        let model = try state.currentModel()
        let monitor = try monitorOf(model)
        let body = try await body(request)
        let decoded: FeedbackBody
        do {
            decoded = try JSONDecoder().decode(FeedbackBody.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServeError.badRequest("invalid feedback JSON: \(RequestRows.describe(error)); send {\"feedback\": [{\"id\": \"…\", \"label\": \"…\"}]}")
        }
        guard decoded.feedback.count <= state.configuration.maxRows else {
            throw ServeError.badRequest("\(decoded.feedback.count) feedback items: more than the limit of \(state.configuration.maxRows)")
        }
        let classes = model.file.classNames
        var parsed = [(UInt64, Int)]()
        for (i, item) in decoded.feedback.enumerated() {
            guard let id = UInt64(item.id) else {
                throw ServeError.badRequest("feedback[\(i)]: id '\(MessageText.shortened(item.id, to: 40))' is not a prediction id")
            }
            guard let c = classes.firstIndex(of: item.label) else {
                throw ServeError.badRequest("feedback[\(i)]: label '\(MessageText.shortened(item.label, to: 60))' is not one of the model's classes (\(classes.joined(separator: ", ")))")
            }
            parsed.append((id, c))
        }
        var accepted = 0, unknown = [String]()
        // predictions made before a reload or rollback are in the other model's window
        let other = state.models.previous?.monitor
        for (id, c) in parsed {
            if monitor.recordLabel(c, for: id) || other?.recordLabel(c, for: id) == true {
                accepted += 1
            } else {
                unknown.append(String(id))
            }
        }
        let window = try? monitor.report()
        state.metrics.drift(report: window, windowRows: monitor.windowCount, labelled: window?.quality)
        return try Self.encoded(FeedbackResponse(accepted: accepted, unknown: unknown, quality: window?.quality?.current))
    }
}
#endif
