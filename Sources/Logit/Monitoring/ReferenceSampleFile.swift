import Foundation

/// How a model file names its reference sample: the sidecar file (relative to
/// the model file's folder), the sample's shape, and a checksum of the sidecar's
/// bytes, so loading can tell a stale, truncated or foreign sidecar from the
/// right one.
public struct ReferenceSampleFile: Sendable, Codable, Equatable {
    /// The sidecar's file name, in the model file's folder.
    public var file: String
    /// Sampled rows.
    public var rows: Int
    /// Features per row.
    public var features: Int
    /// Classes (columns of the probabilities).
    public var classes: Int
    /// `fnv1a64:` and 16 hex digits: FNV-1a (64-bit) of the sidecar's bytes.
    public var checksum: String

    /// A description of a sidecar.
    public init(file: String, rows: Int, features: Int, classes: Int, checksum: String) {
        self.file = file
        self.rows = rows
        self.features = features
        self.classes = classes
        self.checksum = checksum
    }

    /// FNV-1a (64-bit) of `bytes`, as `fnv1a64:` and 16 lowercase hex digits.
    ///
    /// - Complexity: O(n), 8 bytes per step.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
