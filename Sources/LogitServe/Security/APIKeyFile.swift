#if Service
import Foundation
import Logit

/// The API-key file of `logit serve --api-keys FILE` and `logit keys create`:
/// one key per line, `NAME SCOPE SALT HASH` (scope `admin` or `user`, salt
/// and SHA-256(salt ‖ key) in hex), `#` comments and blank lines allowed.
/// Several keys may be valid at once, so a key is rotated by adding the new
/// one, reloading, then deleting the old line.
public struct APIKeyFile: Sendable {
    /// The keys, in file order.
    public var keys: [APIKey]

    /// Keys already parsed.
    public init(keys: [APIKey]) { self.keys = keys }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``ServeSetupError`` naming the file and line of a malformed entry.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServeSetupError("--api-keys \(path): cannot read the file")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Parses key-file text; errors name `source` and the line.
    ///
    /// - Throws: ``ServeSetupError``.
    public init(text: String, source: String) throws {
        var keys = [APIKey]()
        var names = Set<String>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(source), line \(index + 1)"
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 4 else {
                throw ServeSetupError("\(where_): expected 4 fields (name scope salt hash), found \(fields.count)")
            }
            guard fields[1] == "admin" || fields[1] == "user" else {
                throw ServeSetupError("\(where_): scope '\(fields[1])' must be admin or user")
            }
            guard let salt = Hex.decode(fields[2]), !salt.isEmpty else {
                throw ServeSetupError("\(where_): the salt is not hex")
            }
            guard let hash = Hex.decode(fields[3]), hash.count == 32 else {
                throw ServeSetupError("\(where_): the hash is not 64 hex digits (SHA-256)")
            }
            guard names.insert(String(fields[0])).inserted else {
                throw ServeSetupError("\(where_): a key named '\(fields[0])' is already in the file")
            }
            keys.append(APIKey(name: String(fields[0]), isAdmin: fields[1] == "admin", salt: salt, hash: hash))
        }
        guard !keys.isEmpty else {
            throw ServeSetupError("--api-keys \(source): no keys in the file; create one with `logit keys create NAME --file \(source)`")
        }
        self.keys = keys
    }

    /// The key whose secret is `secret`, checking every key (so the time taken
    /// does not tell which one matched, or how close a guess was).
    ///
    /// - Complexity: one SHA-256 per key.
    public func key(for secret: some Collection<UInt8>) -> APIKey? {
        var found: APIKey?
        for key in keys where key.matches(secret) && found == nil { found = key }
        return found
    }

    /// Creates a key named `name`, appends its salted hash to the file at
    /// `path` (created with mode 0600 if absent; written to a temporary file,
    /// then renamed), and returns the secret, which is stored nowhere.
    ///
    /// - Throws: ``ServeSetupError`` for a bad name, a name already in the
    ///   file, or a file that cannot be read or written.
    public static func create(name: String, admin: Bool, path: String) throws -> String {
        guard !name.isEmpty, name.count <= 64,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.@".contains($0)) }) else {
            throw ServeSetupError("key name '\(name)' must be 1–64 letters, digits, '-', '_', '.' or '@'")
        }
        var existing = ""
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServeSetupError("--file \(path): cannot read the file")
            }
            existing = String(decoding: data, as: UTF8.self)
            if !existing.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
               let file = try? APIKeyFile(text: existing, source: path), file.keys.contains(where: { $0.name == name }) {
                throw ServeSetupError("--file \(path): a key named '\(name)' already exists")
            }
        }
        var generator = SystemRandomNumberGenerator()  // getrandom(2): a cryptographic source
        let secretBytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = "lk_" + Hex.encode(secretBytes)
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = APIKey(name: name, isAdmin: admin, salt: salt, hash: SHA256.hash(salt + Array(secret.utf8)))
        if !existing.isEmpty && !existing.hasSuffix("\n") { existing += "\n" }
        let text = existing + key.line + "\n"
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw ServeSetupError("--file \(path): cannot write \(temporary.path)")
        }
        guard rename(temporary.path, path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw ServeSetupError("--file \(path): cannot replace the file (errno \(errno))")
        }
        return secret
    }
}
#endif
