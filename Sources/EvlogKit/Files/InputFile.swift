import Foundation

/// Files a command reads as input (raw output to diagnose, an export to import, a profile): only
/// regular files — a FIFO, device or directory is a one-line usage error, never a hang — opened
/// without blocking and read within a stated bound.
public enum InputFile {
    /// Opens `path` for reading; it must be a regular file. Returns the handle and the file's size.
    public static func open(_ path: String) throws(UserFacingError) -> (handle: FileHandle, sizeBytes: Int64) {
        let descriptor = Foundation.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw UserFacingError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw UserFacingError("cannot read \(path): \(describe(status.st_mode & S_IFMT)), not a regular file")
        }
        return (FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), Int64(status.st_size))
    }

    /// The whole of `path`, a regular file of at most `bytesMax` bytes.
    public static func contents(_ path: String, bytesMax: Int) throws(UserFacingError) -> Data {
        let (handle, size) = try open(path)
        guard size <= Int64(bytesMax) else {
            throw UserFacingError("\(path) is \(size) bytes, more than the \(bytesMax)-byte limit for this input")
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw UserFacingError("cannot read \(path): \(FoundationErrorText.line(for: error) ?? "\(error)")")
        }
    }

    /// Throws unless `path` is a regular file (without opening it).
    public static func requireRegularFile(_ path: String) throws(UserFacingError) {
        _ = try open(path)
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: "it is a FIFO (named pipe)"
        case S_IFDIR: "it is a directory"
        case S_IFCHR: "it is a character device"
        case S_IFBLK: "it is a block device"
        case S_IFSOCK: "it is a socket"
        default: "it is not a regular file"
        }
    }
}
