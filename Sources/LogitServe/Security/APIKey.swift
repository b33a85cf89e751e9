#if Service
import Logit

/// One API key as stored in the key file: its name, scope, and the salted
/// SHA-256 of the secret (never the secret itself).
public struct APIKey: Sendable, Equatable {
    /// The key's name (who holds it), shown in logs instead of the secret.
    public var name: String
    /// Whether the key may call `/admin/*`.
    public var isAdmin: Bool
    /// 16 random bytes hashed before the secret.
    public var salt: [UInt8]
    /// SHA-256(salt ‖ secret), 32 bytes.
    public var hash: [UInt8]

    /// A stored key.
    public init(name: String, isAdmin: Bool, salt: [UInt8], hash: [UInt8]) {
        self.name = name
        self.isAdmin = isAdmin
        self.salt = salt
        self.hash = hash
    }

    /// Whether `secret` is this key, comparing the full hashes in constant
    /// time (every byte is looked at whatever the first difference).
    ///
    /// - Complexity: one SHA-256 of salt and secret.
    public func matches(_ secret: some Collection<UInt8>) -> Bool {
        guard hash.count == 32 else { return false }
        // salt ‖ secret on the stack: this runs on every authenticated request
        let length = salt.count + secret.count
        let digest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { message in
            var i = 0
            for byte in salt { message[i] = byte; i += 1 }
            for byte in secret { message[i] = byte; i += 1 }
            return SHA256.digest(UnsafeRawBufferPointer(message))
        }
        var difference: UInt8 = 0
        for i in 0..<32 { difference |= UInt8(truncatingIfNeeded: digest[i / 4] >> UInt32(24 - 8 * (i % 4))) ^ hash[i] }
        return difference == 0
    }

    /// The key-file line of this key: `name scope salt-hex hash-hex`.
    public var line: String {
        "\(name) \(isAdmin ? "admin" : "user") \(Hex.encode(salt)) \(Hex.encode(hash))"
    }
}
#endif
