import CivilTime

/// Keeps the bytes recovery cuts from a log: they are copied to `<log>.damaged-<UTC time>` and made
/// durable before the log is cut, so opening a damaged log never deletes anything (FORMAT.md §5.4).
enum DamagedTail {
    /// Bytes copied per read and write, so memory stays bounded whatever the tail's size.
    static let copyChunkBytes = 1 << 20
    /// Names tried when the first is taken (`…-1`, `…-2`, …) before giving up.
    static let nameAttemptsMax = 100

    /// Copies `file` from `offset` to its end into a new sibling file and returns that file's path.
    static func save(_ file: LogFile, from offset: Int64, timeMicros: Int64) throws(EventLogError) -> String {
        let size = try file.size()
        let base = file.path + ".damaged-" + UTCTime(microseconds: timeMicros).compact
        var attempt = 0
        while true {
            let path = attempt == 0 ? base : base + "-\(attempt)"
            let target: LogFile
            do {
                target = try LogFile.open(path, writable: true, create: true, exclusive: true)
            } catch {
                attempt += 1
                guard case .io(_, _, .fileExists) = error, attempt < nameAttemptsMax else { throw error }
                continue
            }
            try target.closing { target throws(EventLogError) in
                var position = offset
                while position < size {
                    let bytes = try file.readBytes(at: position, count: min(copyChunkBytes, Int(size - position)))
                    if bytes.isEmpty { break }
                    try target.write(bytes, at: position - offset)
                    position += Int64(bytes.count)
                }
                try target.sync()
            }
            try LogFile.syncDirectory(of: path)
            return path
        }
    }
}
