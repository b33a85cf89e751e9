import Foundation
import Logit
import Testing

/// A fresh temporary directory for one test's files, removed when released.
final class ScratchDirectory {
    let path: String

    init() {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("logit-data-tests-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` in the directory (the file is not created).
    func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let target = file(name)
        let created = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        precondition(created, "cannot write \(target)")
        return target
    }

    /// The bytes of `name`.
    func read(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: file(name)) ?? Data())
    }
}

/// Runs `body`, expecting a `DataError`, and returns it (nil, with a recorded
/// issue, when nothing or something else is thrown).
func capturedDataError<R>(_ what: String = "", sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> R) -> DataError? {
    do {
        let value = try body()
        Issue.record("expected a DataError \(what), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as DataError {
        return error
    } catch {
        Issue.record("expected a DataError \(what), got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The path of a file in the test target's Fixtures folder.
func dataFixturePath(_ relative: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}
