#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files no other user can change: where a downloaded installer is checked and read once (integrity N6).
extension LocalFileSystem {
    public func createPrivateDirectory(_ path: String) throws {
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty { try createDirectory(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw FileSystemError(path: path, operation: "mkdir", errno: errno) }
        // Opened without following a link, then judged by what the descriptor is: a link planted at `path` fails here.
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "open (as a private directory)", errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError(path: path, operation: "fstat", errno: errno) }
        guard info.st_uid == geteuid() else {
            throw FileSystemError(path: path, operation: "use as a private directory (another user owns it)", errno: EPERM)
        }
        guard info.st_mode & 0o7777 == 0o700 || fchmod(descriptor, 0o700) == 0 else {
            throw FileSystemError(path: path, operation: "chmod 0700", errno: errno)
        }
    }

    public func readPrivateFile(_ path: String, limit: Int) throws -> [UInt8] {
        // Non-blocking, so a FIFO planted there is refused by fstat instead of holding the open.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "open (no link followed)", errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError(path: path, operation: "fstat", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_uid == geteuid(), info.st_mode & 0o022 == 0 else {
            throw FileSystemError(
                path: path, operation: "read as a private file (it must be a regular file of this user, with one name, that no one else can write)",
                errno: EPERM)
        }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { readDescriptor(descriptor, $0) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw FileSystemError(path: path, operation: "read", errno: errno) }
            if count == 0 { return result }
            guard result.count + count <= limit else {
                throw FileSystemError(path: path, operation: "read (longer than \(limit) bytes)", errno: EFBIG)
            }
            result.append(contentsOf: buffer[..<count])
        }
    }
}

/// `read(2)` by its C name, which the filesystem's own `read(_:)` hides inside the extension.
func readDescriptor(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
