import Foundation

extension ModelFile {
    /// Why reading or writing `path` failed, in words: the filesystem is
    /// asked what is at `path` (a folder, nothing, a missing parent folder)
    /// instead of relaying Foundation's `NSCocoaErrorDomain error 256`-style
    /// descriptions.
    ///
    /// - Parameters:
    ///   - error: what Foundation threw.
    ///   - path: the file that was read or written.
    ///   - writing: true for a write, false for a read.
    /// - Complexity: a few `stat` calls.
    public static func fileProblem(_ error: any Error, path: String, writing: Bool) -> String {
        if let problem = pathProblem(path, writing: writing) { return problem }
        return reason(error)
    }

    /// What keeps `path` from being read (`writing` false) or written
    /// (`writing` true), or nil when nothing visible does.
    public static func pathProblem(_ path: String, writing: Bool) -> String? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                return writing ? "is a folder; give a file name for the model, e.g. \(path)/model.json"
                    : "is a folder, not a model file"
            }
            if !writing && !manager.isReadableFile(atPath: path) { return "permission denied" }
            return nil
        }
        guard writing else { return "no such file" }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        var parentIsDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder, isDirectory: &parentIsDirectory) else {
            return "the folder \(folder) does not exist"
        }
        guard parentIsDirectory.boolValue else { return "\(folder) is a file, not a folder" }
        guard manager.isWritableFile(atPath: folder) else { return "the folder \(folder) is not writable (permission denied)" }
        return nil
    }
}
