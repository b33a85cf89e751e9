#if Service
import Foundation
import Testing
@testable import LogitServe

@Suite struct APIKeyFileTests {
    @Test func createdKeysVerifyAndOthersDoNot() throws {
        let folder = try TestFolder()
        let path = folder.path("keys.txt")
        let alice = try APIKeyFile.create(name: "alice", admin: false, path: path)
        let ops = try APIKeyFile.create(name: "ops", admin: true, path: path)
        #expect(alice.hasPrefix("lk_") && alice.count == 51)
        #expect(alice != ops)
        let file = try APIKeyFile(contentsOf: path)
        #expect(file.keys.map(\.name) == ["alice", "ops"])
        #expect(file.key(for: Array(alice.utf8))?.name == "alice")
        #expect(file.key(for: Array(alice.utf8))?.isAdmin == false)
        #expect(file.key(for: Array(ops.utf8))?.isAdmin == true)
        #expect(file.key(for: Array((alice + "x").utf8)) == nil)
        #expect(file.key(for: Array(alice.dropLast().utf8)) == nil)
        #expect(file.key(for: [UInt8]()) == nil)
        // the secret is stored nowhere: only salts and hashes
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(alice) && !text.contains(String(alice.dropFirst(3))))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func duplicateAndBadNamesAreRefused() throws {
        let folder = try TestFolder()
        let path = folder.path("keys.txt")
        _ = try APIKeyFile.create(name: "alice", admin: false, path: path)
        #expect(throws: ServeSetupError.self) { try APIKeyFile.create(name: "alice", admin: true, path: path) }
        #expect(throws: ServeSetupError.self) { try APIKeyFile.create(name: "has space", admin: false, path: path) }
        #expect(throws: ServeSetupError.self) { try APIKeyFile.create(name: "", admin: false, path: path) }
    }

    @Test func malformedLinesNameTheLine() throws {
        let good = "alice user \(String(repeating: "ab", count: 16)) \(String(repeating: "cd", count: 32))"
        #expect(try APIKeyFile(text: "# comment\n\n" + good + "\n", source: "k").keys.count == 1)
        let cases: [(String, String)] = [
            (good + "\nbob user 00", "k, line 2: expected 4 fields"),
            ("bob root 00 \(String(repeating: "cd", count: 32))", "k, line 1: scope 'root'"),
            ("bob user zz \(String(repeating: "cd", count: 32))", "k, line 1: the salt is not hex"),
            ("bob user 00 abcd", "k, line 1: the hash is not 64 hex digits"),
            (good + "\n" + good, "k, line 2: a key named 'alice' is already"),
            ("# nothing\n", "no keys in the file"),
        ]
        for (text, message) in cases {
            let error = #expect(throws: ServeSetupError.self) { try APIKeyFile(text: text, source: "k") }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "") should contain \(message)")
        }
    }
}
#endif
