/// The 4-byte frame in front of each record inside a block (FORMAT.md §4): a little-endian `UInt32`
/// whose low 24 bits are the payload length and whose high 8 bits are the record flags.
struct RecordFrame: Equatable {
    var payloadBytes: Int
    var flags: UInt8

    var isCheckpoint: Bool { flags & LogFormat.recordFlagCheckpoint != 0 }

    /// The frame word as stored.
    var word: UInt32 {
        precondition(payloadBytes >= 0 && payloadBytes <= LogFormat.recordBytesMax, "record length \(payloadBytes) outside the frame's range")
        return UInt32(payloadBytes) | UInt32(flags) << 24
    }

    /// The frame at `offset` of a record area, or nil when it is malformed or does not fit (FORMAT.md §4 rules).
    static func decode(_ area: UnsafeRawBufferPointer, at offset: Int) -> RecordFrame? {
        guard offset >= 0, area.count - offset >= LogFormat.recordFrameBytes else { return nil }
        let word = UInt32(littleEndian: area.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let frame = RecordFrame(payloadBytes: Int(word & 0x00FF_FFFF), flags: UInt8(word >> 24))
        guard frame.flags & ~LogFormat.recordFlagsKnown == 0,
              frame.payloadBytes <= LogFormat.recordBytesMax,
              frame.payloadBytes <= area.count - offset - LogFormat.recordFrameBytes
        else { return nil }
        return frame
    }

    /// Checks that `area` holds exactly the records `header` announces (FORMAT.md §3.4 rule 7).
    static func validate(_ area: UnsafeRawBufferPointer, against header: BlockHeader) -> BlockFault? {
        var offset = 0
        var count = 0
        var lastCheckpoint = LogFormat.ordinalNone
        while offset < area.count {
            guard count < header.recordCount else { return .corrupt("block holds more records than its header's \(header.recordCount)") }
            guard let frame = decode(area, at: offset) else { return .corrupt("malformed record frame at block byte \(offset)") }
            if frame.isCheckpoint { lastCheckpoint = UInt32(count) }
            offset += LogFormat.recordFrameBytes + frame.payloadBytes
            count += 1
        }
        guard count == header.recordCount else { return .corrupt("block holds \(count) records, its header says \(header.recordCount)") }
        guard lastCheckpoint == header.lastCheckpointOrdinal else { return .corrupt("checkpoint records disagree with the block header") }
        return nil
    }
}
