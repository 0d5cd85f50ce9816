/// Creating a new log and recovering an existing one before the first append (FORMAT.md §5.4, §6.1).
extension LogWriter {
    /// Where appending starts.
    struct Opened {
        var header: LogHeader
        var seed: UInt64
        var endOffset: Int64
        var recordCount: UInt64
        var recovery: RecoveryReport?
    }

    /// Writes a header to an empty (or torn-at-creation) file, or verifies an existing log and cuts a
    /// damaged tail after saving it beside the log (named for `nowMicros`).
    static func prepare(file: LogFile, fresh: LogHeader, freshBytes: [UInt8], nowMicros: Int64) throws(EventLogError) -> Opened {
        let size = try file.size()
        if size == 0 {
            return try create(file: file, fresh: fresh, freshBytes: freshBytes, recovery: nil)
        }
        let start = try file.readBytes(at: 0, count: LogFormat.headerBytesMax)
        switch LogHeader.decode(start) {
        case .notALog:
            throw .notALog(path: file.path, found: Array(start.prefix(8)))
        case .damaged(let offset, let reason, let torn):
            // A file that ends inside its header was never completely created (the header is made
            // durable before the first block), so no record is lost by starting it again.
            guard torn else { throw .headerDamaged(path: file.path, offset: Int64(offset), reason: reason) }
            let saved = try DamagedTail.save(file, from: 0, timeMicros: nowMicros)
            let recovery = RecoveryReport(cutOffset: 0, bytesCut: size, recordsKept: 0, reason: reason, savedPath: saved)
            try file.truncate(to: 0)
            return try create(file: file, fresh: fresh, freshBytes: freshBytes, recovery: recovery)
        case .valid(let header, _, let seed):
            guard header.readVersion <= LogFormat.versionCurrent else {
                throw .unsupportedVersion(path: file.path, readVersion: header.readVersion, supported: LogFormat.versionCurrent)
            }
            guard header.writeVersion <= LogFormat.versionCurrent else {
                throw .readOnlyVersion(path: file.path, writeVersion: header.writeVersion, supported: LogFormat.versionCurrent)
            }
            let reader = try LogReader(path: file.path)
            try reader.skipToEnd()
            var recovery: RecoveryReport?
            if let damage = reader.damage {
                // The cut bytes are durable in their own file before the log loses them.
                let saved = try DamagedTail.save(file, from: damage.offset, timeMicros: nowMicros)
                recovery = RecoveryReport(
                    cutOffset: damage.offset, bytesCut: try file.size() - damage.offset, recordsKept: damage.recordsGood,
                    reason: damage.reason, savedPath: saved)
                try file.truncate(to: damage.offset)
                try file.sync()
            }
            return Opened(header: header, seed: seed, endOffset: reader.validBytes,
                          recordCount: reader.recordsInVerifiedBlocks, recovery: recovery)
        }
    }

    private static func create(file: LogFile, fresh: LogHeader, freshBytes: [UInt8], recovery: RecoveryReport?) throws(EventLogError) -> Opened {
        try file.write(freshBytes, at: 0)
        try file.sync()
        try LogFile.syncDirectory(of: file.path)
        guard case .valid(_, let byteCount, let seed) = LogHeader.decode(freshBytes) else {
            preconditionFailure("a freshly encoded header does not decode")
        }
        return Opened(header: fresh, seed: seed, endOffset: Int64(byteCount), recordCount: 0, recovery: recovery)
    }
}
