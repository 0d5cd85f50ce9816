import EventLog

/// The payload of record `index` in logs written by `write`; Tests/EventLogTests/CrashTests.swift
/// checks recovered records against the same rule.
enum TorturePayload {
    static func bytes(index: UInt64) -> [UInt8] {
        let letter = UInt8(ascii: "a") + UInt8(index % 26)
        return Array("record \(index) ".utf8) + [UInt8](repeating: letter, count: Int(index % 997))
    }
}

/// The `write` mode: appends forever (or `records` times), syncing every `syncEvery` records.
enum TortureWriter {
    static func run(path: String, records: UInt64, syncEvery: UInt64) throws {
        let writer = try LogWriter.open(path: path, label: "torture", creator: "evlog-log-torture", createdAtMicros: 0)
        var index = writer.recordCount
        while index < records {
            try writer.append(TorturePayload.bytes(index: index), checkpoint: index % 50 == 0)
            index += 1
            if index % max(syncEvery, 1) == 0 {
                try writer.sync()
                say("synced \(writer.recordCount)")
            }
        }
        try writer.close()
        say("done \(writer.recordCount)")
    }
}
