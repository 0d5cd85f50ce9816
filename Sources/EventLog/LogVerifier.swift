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
            var verdict = LogVerification(
                records: damage.recordsGood, validBytes: damage.offset, totalBytes: size, damaged: true,
                reason: (damage.isTornTail ? "torn tail: " : "corrupt block: ") + damage.reason,
                firstBadOffset: damage.offset, blocks: reader.blocksRead, header: reader.header)
            (verdict.intactBlocksAfterDamage, verdict.recordsInIntactBlocksAfterDamage) = try reader.intactBlocks(after: damage.offset)
            return verdict
        }
        return LogVerification(
            records: reader.recordsInVerifiedBlocks, validBytes: reader.validBytes, totalBytes: size,
            damaged: reader.validBytes != size, reason: reader.validBytes == size ? "intact" : "bytes after the last block",
            firstBadOffset: reader.validBytes == size ? nil : reader.validBytes, blocks: reader.blocksRead, header: reader.header)
    }
}
