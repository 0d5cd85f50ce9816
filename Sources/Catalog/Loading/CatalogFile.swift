import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of a catalog directory, read as untrusted input: a regular file that stays inside the directory
/// (a link to `/etc/shadow` would put another file's lines in an error message, a FIFO would block the read),
/// UTF-8, at most `Catalog.fileBytesMax` bytes.
enum CatalogFile {
    /// The text of `path`, a file of the catalog `directory`; `shown` names it in errors.
    static func text(at path: String, inside directory: String, shown: String) throws(CatalogError) -> String {
        guard let resolved = realPath(path), let root = realPath(directory) else {
            throw .invalidData(file: shown, line: nil, message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw .invalidData(
                file: shown, line: nil,
                message: "is a link to \(resolved), outside the catalog directory \(root); copy the file into the directory")
        }
        let descriptor = open(resolved, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .invalidData(file: shown, line: nil, message: "cannot read \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw .invalidData(file: shown, line: nil, message: "is not a regular file (a FIFO, device or directory); a recipe file must be a plain file")
        }
        let data = (try? handle.read(upToCount: Catalog.fileBytesMax + 1)).flatMap { $0 } ?? Data()
        guard data.count <= Catalog.fileBytesMax else {
            throw .invalidData(
                file: shown, line: nil,
                message: "larger than \(Catalog.fileBytesMax / 1024) KiB, the most a catalog file may hold; split it into several recipe files")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidData(file: shown, line: nil, message: "cannot read \(path) as UTF-8 text")
        }
        return text
    }

    /// `path` with every link and `..` resolved, or nil (errno set) when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
