/// The 48-byte header in front of every block (FORMAT.md §3.1): sizes, record numbering, checkpoint
/// summary and two checksums, so a reader can walk the log from header to header without decompressing.
struct BlockHeader: Equatable {
    /// `LogFormat.blockFlag*` bits.
    var flags: UInt16
    /// Bytes of payload on disk after this header.
    var storedBytes: Int
    /// Bytes of the record area once decompressed.
    var rawBytes: Int
    /// Records in the block, at least 1.
    var recordCount: Int
    /// Position inside the block of its last checkpoint record, or `LogFormat.ordinalNone`.
    var lastCheckpointOrdinal: UInt32
    /// Index (0-based, log-wide) of the block's first record.
    var firstRecordIndex: UInt64
    /// XXH64 of the stored payload bytes, seeded with the file header's checksum.
    var payloadChecksum: UInt64

    var isCompressed: Bool { flags & LogFormat.blockFlagCompressed != 0 }
    var hasCheckpoint: Bool { flags & LogFormat.blockFlagCheckpoint != 0 }
    /// Bytes from the start of this header to the start of the next block.
    var spanBytes: Int { LogFormat.blockHeaderBytes + storedBytes }

    /// The 48 header bytes, closed by the header checksum (seeded with `seed`).
    func encoded(seed: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(LogFormat.blockHeaderBytes)
        out.appendLittleEndian(LogFormat.blockMarker)
        out.appendLittleEndian(flags)
        out.appendLittleEndian(UInt16(0))
        out.appendLittleEndian(UInt32(storedBytes))
        out.appendLittleEndian(UInt32(rawBytes))
        out.appendLittleEndian(UInt32(recordCount))
        out.appendLittleEndian(lastCheckpointOrdinal)
        out.appendLittleEndian(firstRecordIndex)
        out.appendLittleEndian(payloadChecksum)
        out.appendLittleEndian(XXH64.hash(out, seed: seed))
        precondition(out.count == LogFormat.blockHeaderBytes, "block header encoding is \(out.count) bytes")
        return out
    }

    /// Decodes and checks a block header (FORMAT.md §3.4 rules 1–4). Returns the header or why it is invalid.
    static func decode(_ bytes: [UInt8], seed: UInt64, expectedFirstRecordIndex: UInt64) -> Result<BlockHeader, BlockFault> {
        guard bytes.count == LogFormat.blockHeaderBytes else {
            return .failure(.torn("the file ends inside a block header"))
        }
        guard bytes.littleEndianUInt32(at: 0) == LogFormat.blockMarker else {
            return .failure(.corrupt("no block marker"))
        }
        let stored = bytes.littleEndianUInt64(at: 40)
        let computed = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[0..<40]), seed: seed) }
        guard stored == computed else { return .failure(.corrupt("block header checksum mismatch")) }
        let header = BlockHeader(
            flags: bytes.littleEndianUInt16(at: 4),
            storedBytes: Int(bytes.littleEndianUInt32(at: 8)),
            rawBytes: Int(bytes.littleEndianUInt32(at: 12)),
            recordCount: Int(bytes.littleEndianUInt32(at: 16)),
            lastCheckpointOrdinal: bytes.littleEndianUInt32(at: 20),
            firstRecordIndex: bytes.littleEndianUInt64(at: 24),
            payloadChecksum: bytes.littleEndianUInt64(at: 32))
        if let problem = header.structuralProblem(reserved: bytes.littleEndianUInt16(at: 6), expectedFirstRecordIndex: expectedFirstRecordIndex) {
            return .failure(.corrupt(problem))
        }
        return .success(header)
    }

    /// What is wrong with the fields of a header whose checksum matched, if anything.
    private func structuralProblem(reserved: UInt16, expectedFirstRecordIndex: UInt64) -> String? {
        if flags & ~LogFormat.blockFlagsKnown != 0 { return "unknown block flags \(flags)" }
        if reserved != 0 { return "reserved block header field is \(reserved), not 0" }
        if recordCount < 1 { return "block holds no records" }
        if rawBytes > LogFormat.blockRawBytesMax { return "block of \(rawBytes) bytes exceeds blockRawBytesMax \(LogFormat.blockRawBytesMax)" }
        if rawBytes < recordCount * LogFormat.recordFrameBytes { return "block of \(rawBytes) bytes cannot hold \(recordCount) records" }
        if storedBytes < 1 || storedBytes > rawBytes { return "stored size \(storedBytes) outside 1...\(rawBytes)" }
        if !isCompressed && storedBytes != rawBytes { return "uncompressed block with stored size \(storedBytes) != \(rawBytes)" }
        let ordinalValid = lastCheckpointOrdinal == LogFormat.ordinalNone || Int(lastCheckpointOrdinal) < recordCount
        if !ordinalValid || hasCheckpoint != (lastCheckpointOrdinal != LogFormat.ordinalNone) {
            return "checkpoint flag and ordinal \(lastCheckpointOrdinal) disagree"
        }
        if firstRecordIndex != expectedFirstRecordIndex {
            return "block starts at record \(firstRecordIndex), expected \(expectedFirstRecordIndex)"
        }
        return nil
    }
}

/// Why a block cannot be used: `torn` when the file ends inside it (a crash while appending, or a
/// writer still at work), `corrupt` when its bytes are there but wrong.
enum BlockFault: Error, Equatable {
    case torn(String)
    case corrupt(String)

    var reason: String {
        switch self {
        case .torn(let reason), .corrupt(let reason): return reason
        }
    }
}
