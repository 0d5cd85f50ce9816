import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One bundle's bytes as read once, for `/fleet`'s summaries (`FleetSummaries`): their SHA-256 and, when a
/// summary is to be made, a private copy of exactly those bytes, so the summary and the digest it is kept
/// under are of the same bytes whatever a writer does to the file meanwhile. The file is streamed (a piece at
/// a time), never held whole; a path that is not a regular file when opened (a link, a FIFO) gives nothing.
struct BundleSnapshot {
    /// The SHA-256 of the bytes read.
    let digest: [UInt8]
    /// The private copy of those bytes (named as the bundle is), or nil when none was asked for.
    let copy: String?

    /// Bytes read and hashed at a time.
    static let pieceBytes = 1 << 20

    /// The digest of the file at `path` now, or nil when it cannot be read as a regular file.
    static func digest(of path: String) -> [UInt8]? {
        read(path, copyingTo: nil)?.digest
    }

    /// The file at `path` copied into the private `directory` under its own name, and the digest of the bytes
    /// copied; nil when it cannot be read as a regular file or the copy cannot be written.
    static func copy(of path: String, into directory: String) -> BundleSnapshot? {
        read(path, copyingTo: directory + "/" + (path as NSString).lastPathComponent)
    }

    private static func read(_ path: String, copyingTo copy: String?) -> BundleSnapshot? {
        // Non-blocking, so a FIFO is refused by fstat instead of holding the open.
        let source = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard source >= 0 else { return nil }
        defer { close(source) }
        var info = stat()
        guard fstat(source, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let target = copy.map { open($0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600) } ?? -1
        if copy != nil, target < 0 { return nil }
        defer { if target >= 0 { close(target) } }
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: pieceBytes)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(source, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            buffer.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if target >= 0, !buffer[..<count].withUnsafeBytes({ writeAll(target, $0) }) { return nil }
        }
        return BundleSnapshot(digest: Array(hash.finalize()), copy: copy)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            written += count
        }
        return true
    }
}
