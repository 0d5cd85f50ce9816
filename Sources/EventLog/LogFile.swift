import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's one choke point for file system calls: a `FileDescriptor` plus its path, with every
/// failure turned into `EventLogError.io` naming the path and operation. `EINTR` is retried.
struct LogFile: @unchecked Sendable {
    // @unchecked: a file descriptor number is a plain value; the writer serialises its writes.
    let path: String
    let descriptor: FileDescriptor

    /// What an opened path must be.
    enum Expected { case regularFile, directory }

    /// Opens `path`. A writable open never follows a symbolic link (O_NOFOLLOW); `create` adds
    /// O_CREAT with mode 0644, and `exclusive` O_EXCL. Every open is non-blocking, so a FIFO or a
    /// device cannot hang it, and the path must turn out to be `expected` (FORMAT.md §6.3).
    static func open(
        _ path: String, writable: Bool, create: Bool = false, exclusive: Bool = false, expected: Expected = .regularFile
    ) throws(EventLogError) -> LogFile {
        var options: FileDescriptor.OpenOptions = [.closeOnExec, .nonBlocking]
        if writable { options.insert(.noFollow) }
        if create { options.insert(.create) }
        if exclusive { options.insert(.exclusiveCreate) }
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path), writable ? .readWrite : .readOnly, options: options,
                permissions: create ? [.ownerReadWrite, .groupRead, .otherRead] : nil)
        } catch {
            let code = error as? Errno ?? .ioError
            if writable, code == .tooManySymbolicLinkLevels {
                throw .unsafeFile(path: path, reason: "is a symbolic link; evlog writes logs and locks only at their real path")
            }
            throw .io(path: path, operation: "open", errno: code)
        }
        var status = stat()
        guard fstat(descriptor.rawValue, &status) == 0 else {
            let code = Errno(rawValue: errno)
            _ = try? descriptor.close()
            throw .io(path: path, operation: "fstat", errno: code)
        }
        let type = status.st_mode & S_IFMT
        let wanted = expected == .directory ? S_IFDIR : S_IFREG
        guard type == wanted else {
            _ = try? descriptor.close()
            let found = FileKind.name(type)
            throw .unsafeFile(path: path, reason: "is \(found), not \(expected == .directory ? "a directory" : "a regular file")")
        }
        return LogFile(path: path, descriptor: descriptor)
    }

    /// Opens an existing file for writing, or creates it exclusively (O_EXCL) when there is none.
    static func openOrCreate(_ path: String) throws(EventLogError) -> LogFile {
        do {
            return try open(path, writable: true)
        } catch {
            guard case .io(_, "open", .noSuchFileOrDirectory) = error else { throw error }
            return try open(path, writable: true, create: true, exclusive: true)
        }
    }

    /// Closes the descriptor; errors are ignored because nothing is left to save at that point
    /// (data that matters was made durable by `sync()` before).
    func close() { _ = try? descriptor.close() }

    /// The current size of the file in bytes.
    func size() throws(EventLogError) -> Int64 {
        do { return try descriptor.seek(offset: 0, from: .end) } catch {
            throw .io(path: path, operation: "lseek", errno: error as? Errno ?? .ioError)
        }
    }

    /// Reads up to `count` bytes at `offset` into `buffer` from `bufferOffset` on; fewer only at end of file.
    func read(at offset: Int64, count: Int, into buffer: ByteBuffer, bufferOffset: Int = 0) throws(EventLogError) -> Int {
        precondition(bufferOffset + count <= buffer.capacity, "read of \(count) bytes does not fit the buffer")
        var total = 0
        var failure: Errno?
        buffer.fill(from: bufferOffset) { target -> Int in
            while total < count {
                let window = UnsafeMutableRawBufferPointer(rebasing: target[total..<count])
                do {
                    let got = try descriptor.read(fromAbsoluteOffset: offset + Int64(total), into: window, retryOnInterrupt: true)
                    if got == 0 { break }
                    total += got
                } catch {
                    failure = error as? Errno ?? .ioError
                    break
                }
            }
            return total
        }
        if let failure { throw .io(path: path, operation: "read", errno: failure) }
        return total
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    func readBytes(at offset: Int64, count: Int) throws(EventLogError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var total = 0
        do {
            try bytes.withUnsafeMutableBytes { target in
                while total < count {
                    let got = try descriptor.read(
                        fromAbsoluteOffset: offset + Int64(total),
                        into: UnsafeMutableRawBufferPointer(rebasing: target[total..<count]), retryOnInterrupt: true)
                    if got == 0 { break }
                    total += got
                }
            }
        } catch {
            throw .io(path: path, operation: "read", errno: error as? Errno ?? .ioError)
        }
        bytes.removeLast(count - total)
        return bytes
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(EventLogError) {
        do { _ = try descriptor.writeAll(toAbsoluteOffset: offset, bytes) } catch {
            throw .io(path: path, operation: "write", errno: error as? Errno ?? .ioError)
        }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], at offset: Int64) throws(EventLogError) {
        var failure: EventLogError?
        bytes.withUnsafeBytes { raw in
            do throws(EventLogError) { try write(raw, at: offset) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Cuts the file to `size` bytes.
    func truncate(to size: Int64) throws(EventLogError) {
        do { try descriptor.resize(to: size) } catch {
            throw .io(path: path, operation: "ftruncate", errno: error as? Errno ?? .ioError)
        }
    }

    /// fsync: the file's data and size reach stable storage before this returns.
    func sync() throws(EventLogError) {
        while fsync(descriptor.rawValue) != 0 {
            let code = Errno(rawValue: errno)
            if code != .interrupted { throw .io(path: path, operation: "fsync", errno: code) }
        }
    }

    /// fsyncs the directory holding `path`, so a newly created file's name is durable too.
    static func syncDirectory(of path: String) throws(EventLogError) {
        let directory = FilePath(path).removingLastComponent()
        let directoryPath = directory.isEmpty ? "." : directory.string
        let handle = try LogFile.open(directoryPath, writable: false, expected: .directory)
        defer { handle.close() }
        // Some file systems refuse fsync on a directory (EINVAL); the file itself is synced already.
        if fsync(handle.descriptor.rawValue) != 0, Errno(rawValue: errno) != .invalidArgument {
            throw .io(path: directoryPath, operation: "fsync", errno: Errno(rawValue: errno))
        }
    }
}

extension LogFile {
    /// Runs `body` with the file, then closes it.
    func closing<R>(_ body: (LogFile) throws(EventLogError) -> R) throws(EventLogError) -> R {
        defer { close() }
        return try body(self)
    }
}
