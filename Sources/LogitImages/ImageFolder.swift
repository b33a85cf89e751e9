import Foundation

/// A labelled image folder, the convention of torchvision's `ImageFolder` and
/// Keras' `image_dataset_from_directory`: one subfolder per class, named after
/// the class; classes in sorted order of their names (class c is the c-th
/// name), files in sorted order of their names within a class. Hidden files
/// and folders (name starting with `.`) are left out; every other file is a
/// candidate image whose format is decided by its content.
public struct ImageFolder: Sendable {
    /// One file and its class.
    public struct Entry: Sendable, Hashable {
        /// The file's path (the folder's path joined with class and file name).
        public var path: String
        /// The class index into ``classNames``.
        public var label: Int
    }

    /// The folder as given.
    public var root: String
    /// The class names, sorted.
    public var classNames: [String]
    /// Every file, class by class.
    public var entries: [Entry]

    /// Lists the folder at `root`.
    ///
    /// - Throws: ``ImageError`` naming `root` when it is missing, not a folder,
    ///   or has fewer than two class subfolders holding files.
    public static func scan(_ root: String) throws(ImageError) -> ImageFolder {
        let classes = try subfolders(of: root)
        guard !classes.isEmpty else {
            throw ImageError(path: root, reason: "no class subfolders: an image folder has one subfolder per class (e.g. \(root)/cat/1.png, \(root)/dog/2.png)")
        }
        var entries = [Entry]()
        var names = [String]()
        for name in classes {
            let files = try Self.files(in: root + "/" + name, recursive: false)
            guard !files.isEmpty else { continue }
            for file in files { entries.append(Entry(path: file, label: names.count)) }
            names.append(name)
        }
        guard names.count >= 2 else {
            throw ImageError(path: root, reason: "\(names.count) class subfolder\(names.count == 1 ? "" : "s") with files (\(names.joined(separator: ", "))); logistic regression needs at least two classes")
        }
        return ImageFolder(root: root, classNames: names, entries: entries)
    }

    /// The sorted, non-hidden subfolders of `path`.
    static func subfolders(of path: String) throws(ImageError) -> [String] {
        try listing(path).filter { isDirectory(path + "/" + $0) }
    }

    /// The regular files under `path`, sorted by path; with `recursive`, those
    /// in subfolders too (for unlabelled prediction).
    public static func files(in path: String, recursive: Bool) throws(ImageError) -> [String] {
        var out = [String]()
        for name in try listing(path) {
            let full = path + "/" + name
            if isDirectory(full) {
                if recursive { out += try files(in: full, recursive: true) }
            } else {
                out.append(full)
            }
        }
        return out
    }

    static func listing(_ path: String) throws(ImageError) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ImageError(path: path, reason: "no such folder")
        }
        guard isDir.boolValue else { throw ImageError(path: path, reason: "is a file, not a folder of images") }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw ImageError(path: path, reason: "cannot list the folder (permission denied?)")
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
