/// A registry model URI as MLflow writes them: `models:/NAME/VERSION` or
/// `models:/NAME@ALIAS`.
public enum ModelURI: Sendable, Equatable {
    /// A numbered version of a registered model.
    case version(name: String, version: Int)
    /// The version an alias of a registered model points to.
    case alias(name: String, alias: String)

    /// The scheme and separator every registry URI starts with.
    public static let prefix = "models:/"

    /// Parses `text`; nil when it does not start with `models:/`.
    ///
    /// - Throws: ``TrackingError`` when it starts with `models:/` but is not
    ///   `models:/NAME/VERSION` (a positive integer) or `models:/NAME@ALIAS`.
    public static func parse(_ text: String) throws(TrackingError) -> ModelURI? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = String(text.dropFirst(prefix.count))
        if let at = rest.lastIndex(of: "@"), !rest[..<at].contains("/") {
            let name = String(rest[..<at]), alias = String(rest[rest.index(after: at)...])
            guard !name.isEmpty, !alias.isEmpty else {
                throw TrackingError("'\(text)': expected models:/NAME@ALIAS with a name and an alias")
            }
            return .alias(name: name, alias: alias)
        }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw TrackingError("'\(text)': expected models:/NAME/VERSION or models:/NAME@ALIAS")
        }
        guard let version = Int(parts[1]), version >= 1 else {
            throw TrackingError("'\(text)': the version '\(parts[1])' is not a positive integer (models:/NAME/VERSION)")
        }
        return .version(name: String(parts[0]), version: version)
    }

    /// The registered model's name.
    public var name: String {
        switch self {
        case let .version(name, _), let .alias(name, _): name
        }
    }

    /// The URI text.
    public var description: String {
        switch self {
        case let .version(name, version): Self.prefix + name + "/" + String(version)
        case let .alias(name, alias): Self.prefix + name + "@" + alias
        }
    }
}
