import Foundation

/// What a model card cannot know from the model file: its name, intended use,
/// limitations and owners, from a small JSON file the user writes
/// (`logit models card --info card.json`):
///
/// ```json
/// { "name": "raisin", "intendedUse": "Sorting Kecimen from Besni raisins on the line.",
///   "limitations": "Trained on 900 raisins from one harvest.", "owners": ["qa-team"] }
/// ```
public struct ModelCardInfo: Sendable, Codable, Equatable {
    /// The model's name in the card's title.
    public var name: String?
    /// What the model is for.
    public var intendedUse: String?
    /// What it is not for, and known weaknesses.
    public var limitations: String?
    /// Who maintains it.
    public var owners: [String]?

    /// Info with the given fields.
    public init(name: String? = nil, intendedUse: String? = nil, limitations: String? = nil, owners: [String]? = nil) {
        self.name = name
        self.intendedUse = intendedUse
        self.limitations = limitations
        self.owners = owners
    }

    /// Reads the info file at `path`.
    ///
    /// - Throws: ``ModelFileError`` naming the file and the field at fault.
    public static func read(from path: String) throws(ModelFileError) -> ModelCardInfo {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError("cannot read the card info: \(ModelFile.reason(error))", file: path)
        }
        do {
            return try JSONDecoder().decode(ModelCardInfo.self, from: data)
        } catch {
            throw ModelFileError("not a card info file (JSON with name, intendedUse, limitations, owners): \(ModelFile.describe(error))", file: path)
        }
    }
}
