/// The verdict on a whole log file: how much of it is valid and where the damage starts (FORMAT.md §5.2).
public struct LogVerification: Equatable, Sendable {
    /// Records in the valid part.
    public var records: UInt64
    /// Bytes from the start of the file to the end of the last valid block (or of the header).
    public var validBytes: Int64
    /// Size of the file.
    public var totalBytes: Int64
    /// Whether anything after `validBytes` could not be used (or the header itself is damaged).
    public var damaged: Bool
    /// "intact", or what is wrong at `firstBadOffset`.
    public var reason: String
    /// Offset of the first unusable byte range, nil when intact.
    public var firstBadOffset: Int64?
    /// Valid blocks.
    public var blocks: Int
    /// The file header, nil when it is damaged.
    public var header: LogHeader?

    /// Bytes after the valid part: what recovery would cut.
    public var bytesAfterValid: Int64 { totalBytes - validBytes }
}

/// Reads a whole log, checking every header, checksum, decompression and record frame.
public enum LogVerifier {
    /// Verifies the log at `path`. A damaged header or tail is a verdict, not an error; this throws
    /// only when the file cannot be read (`.io`), is not an evlog (`.notALog`) or needs a newer
    /// evlog (`.unsupportedVersion`).
    public static func verify(path: String) throws(EventLogError) -> LogVerification {
        let reader: LogReader
        do {
            reader = try LogReader(path: path)
        } catch {
            guard case .headerDamaged(_, let offset, let reason) = error else { throw error }
            let size = try LogFile.open(path, writable: false).closing { file throws(EventLogError) in try file.size() }
            return LogVerification(
                records: 0, validBytes: 0, totalBytes: size, damaged: true, reason: "damaged header: " + reason,
                firstBadOffset: min(offset, size), blocks: 0, header: nil)
        }
        try reader.skipToEnd()
        let size = try LogFile.open(path, writable: false).closing { file throws(EventLogError) in try file.size() }
        if let damage = reader.damage {
            return LogVerification(
                records: damage.recordsGood, validBytes: damage.offset, totalBytes: size, damaged: true,
                reason: (damage.isTornTail ? "torn tail: " : "corrupt block: ") + damage.reason,
                firstBadOffset: damage.offset, blocks: reader.blocksRead, header: reader.header)
        }
        return LogVerification(
            records: reader.recordsInVerifiedBlocks, validBytes: reader.validBytes, totalBytes: size,
            damaged: reader.validBytes != size, reason: reader.validBytes == size ? "intact" : "bytes after the last block",
            firstBadOffset: reader.validBytes == size ? nil : reader.validBytes, blocks: reader.blocksRead, header: reader.header)
    }
}

extension LogFile {
    /// Runs `body` with the file, then closes it.
    func closing<R>(_ body: (LogFile) throws(EventLogError) -> R) throws(EventLogError) -> R {
        defer { close() }
        return try body(self)
    }
}
