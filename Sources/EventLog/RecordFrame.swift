/// The 4-byte frame of one record (FORMAT.md §4): a little-endian `UInt32` whose low 24 bits are the
/// payload length and whose high 8 bits are the record flags. A block's frames sit together in a
/// table after the payloads, last record first (the writer fills it from the end of its buffer), so
/// payload bytes stay contiguous and compress like a plain stream.
struct RecordFrame: Equatable {
    var payloadBytes: Int
    var flags: UInt8

    var isCheckpoint: Bool { flags & LogFormat.recordFlagCheckpoint != 0 }

    /// The frame word as stored.
    var word: UInt32 {
        precondition(payloadBytes >= 0 && payloadBytes <= LogFormat.recordBytesMax, "record length \(payloadBytes) outside the frame's range")
        return UInt32(payloadBytes) | UInt32(flags) << 24
    }

    /// Checks that a record area holds exactly the records `header` announces (FORMAT.md §3.4 rule 8).
    static func validate(_ area: UnsafeRawBufferPointer, against header: BlockHeader) -> BlockFault? {
        guard var cursor = RecordCursor(areaBytes: area.count, recordCount: header.recordCount) else {
            return .corrupt("frame table of \(header.recordCount) records does not fit \(area.count) bytes")
        }
        var lastCheckpoint = LogFormat.ordinalNone
        var ordinal: UInt32 = 0
        while !cursor.isAtEnd {
            guard let (frame, _) = cursor.next(in: area) else { return .corrupt("malformed frame of record \(ordinal) in the block") }
            if frame.isCheckpoint { lastCheckpoint = ordinal }
            ordinal += 1
        }
        guard cursor.payloadOffset == cursor.tableOffset else {
            return .corrupt("record lengths add up to \(cursor.payloadOffset) bytes, the payloads take \(cursor.tableOffset)")
        }
        guard lastCheckpoint == header.lastCheckpointOrdinal else { return .corrupt("checkpoint records disagree with the block header") }
        return nil
    }
}

/// Walks the records of one record area: payloads from the start, frames from the end backwards
/// (the frame of record `i` is the 4 bytes at `areaBytes - 4 * (i + 1)`).
/// Bounds-checks every frame, so it is safe on any bytes.
struct RecordCursor {
    let recordCount: Int
    /// Size of the record area.
    let areaBytes: Int
    /// Where the frame table starts (= total payload bytes).
    let tableOffset: Int
    /// Where the next payload starts.
    private(set) var payloadOffset = 0
    /// Position of the next record in the block.
    private(set) var ordinal = 0

    /// Nil when `recordCount` frames do not fit in `areaBytes`.
    init?(areaBytes: Int, recordCount: Int) {
        guard recordCount >= 0, recordCount <= areaBytes / LogFormat.recordFrameBytes else { return nil }
        self.recordCount = recordCount
        self.areaBytes = areaBytes
        tableOffset = areaBytes - recordCount * LogFormat.recordFrameBytes
    }

    /// A cursor with nothing to read.
    static let empty = RecordCursor(areaBytes: 0, recordCount: 0) ?? RecordCursor.unreachable()

    var isAtEnd: Bool { ordinal >= recordCount }

    /// The next frame and where its payload starts, or nil at the end or on a malformed frame.
    mutating func next(in area: UnsafeRawBufferPointer) -> (RecordFrame, Int)? {
        guard ordinal < recordCount else { return nil }
        let frameOffset = areaBytes - (ordinal + 1) * LogFormat.recordFrameBytes
        guard frameOffset >= tableOffset, areaBytes <= area.count else { return nil }
        let word = UInt32(littleEndian: area.loadUnaligned(fromByteOffset: frameOffset, as: UInt32.self))
        let frame = RecordFrame(payloadBytes: Int(word & 0x00FF_FFFF), flags: UInt8(word >> 24))
        guard frame.flags & ~LogFormat.recordFlagsKnown == 0,
              frame.payloadBytes <= LogFormat.recordBytesMax,
              frame.payloadBytes <= tableOffset - payloadOffset
        else { return nil }
        let start = payloadOffset
        payloadOffset += frame.payloadBytes
        ordinal += 1
        return (frame, start)
    }

    private static func unreachable() -> RecordCursor {
        preconditionFailure("a cursor over zero records always fits")
    }
}
