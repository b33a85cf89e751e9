import Foundation
import Logit

/// Checks an output path before any work is done, so a long training run
/// does not end in "cannot write", and no command overwrites its own input.
enum OutputDestination {
    /// Throws a ``CLIError`` naming `option` and `path` when `path` is one of
    /// the command's `inputs` (the same file after resolving links, or a hard
    /// link to it), a folder, in a folder that does not exist, or in a folder
    /// where no file can be created.
    ///
    /// - Parameters:
    ///   - path: the output file.
    ///   - option: the option that gave it, e.g. `--output`.
    ///   - inputs: the command's input files as (option, path); `-` (standard input) is skipped.
    /// - Complexity: a few `stat` calls, and one probe file created and removed in the folder.
    static func check(_ path: String, option: String = "--output", inputs: [(option: String, path: String)]) throws {
        let shown = MessageText.shortened(path, to: 200)
        for input in inputs where input.path != "-" && isSameFile(path, input.path) {
            throw CLIError("\(option) \(shown) is the same file as \(input.option) \(MessageText.shortened(input.path, to: 200)); refusing to overwrite an input (give another output file)")
        }
        if let problem = ModelFile.pathProblem(path, writing: true) {
            throw CLIError("\(option) \(shown): \(problem)")
        }
        // Root or ACLs can make permission bits lie: create (and remove) a probe file.
        let folder = (path as NSString).deletingLastPathComponent
        let probe = (folder.isEmpty ? "." : folder) + "/.logit-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CLIError("\(option) \(shown): cannot create a file in the folder \(folder.isEmpty ? "." : folder) (\(reason))")
        }
        close(descriptor)
        unlink(probe)
    }

    /// Whether `a` and `b` are the same existing file: same device and inode
    /// after following links (so symbolic and hard links are caught).
    static func isSameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
