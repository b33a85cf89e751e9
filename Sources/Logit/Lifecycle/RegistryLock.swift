import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (flock) on a file, held for the duration of a
/// closure, so that registry writers in different processes take turns.
enum RegistryLock {
    /// Runs `body` while holding an exclusive lock on `path` (created if needed).
    ///
    /// - Throws: ``TrackingError`` when the lock file cannot be opened or
    ///   locked; rethrows what `body` throws.
    static func withLock<R>(_ path: String, _ body: () throws(TrackingError) -> R) throws(TrackingError) -> R {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TrackingError("cannot open the registry lock file: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw TrackingError("cannot lock the registry: \(String(cString: strerror(errno)))", path: path)
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
