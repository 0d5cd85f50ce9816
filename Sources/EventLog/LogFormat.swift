/// The fixed numbers of the evlog file format (Docs/FORMAT.md); every limit the engine enforces is named here.
public enum LogFormat {
    /// The 8 bytes every log starts with (FORMAT.md §2): 0x89 "evlog" CR LF.
    public static let magic: [UInt8] = [0x89, 0x65, 0x76, 0x6C, 0x6F, 0x67, 0x0D, 0x0A]

    /// The newest format version this code reads and writes (FORMAT.md §6). Version 2 binds the file header
    /// into the seal chain (FORMAT.md §9.1); version 3 lets records be parts of an event larger than a
    /// record (§7.9); blocks and records are those of version 1.
    public static let versionCurrent: UInt16 = 3
    /// The `readVersion` of a log this code creates that holds no event parts: its blocks and records read
    /// with a version-1 reader.
    public static let readVersionWritten: UInt16 = 1
    /// The first `writeVersion` whose seal chain starts from the file header (FORMAT.md §9.1): the
    /// `writeVersion` of a log this code creates that holds no event parts.
    public static let versionHeaderInChain: UInt16 = 2
    /// The first version whose logs may hold event parts (§7.9): a log created to hold them has this
    /// `readVersion` and `writeVersion`, so an evlog from before parts refuses it as written by a newer
    /// evlog instead of reading a log whose plan it cannot see.
    public static let versionEventParts: UInt16 = 3

    /// Size of the fixed part of the file header, before creator and label (FORMAT.md §2).
    public static let headerFixedBytes = 32
    /// Size of the header checksum that closes the file header.
    public static let headerChecksumBytes = 8
    /// Longest creator string, in UTF-8 bytes.
    public static let creatorBytesMax = 256
    /// Longest label (for example a plan id), in UTF-8 bytes.
    public static let labelBytesMax = 256
    /// Largest possible file header.
    public static let headerBytesMax = headerFixedBytes + creatorBytesMax + labelBytesMax + headerChecksumBytes

    /// Size of a block header (FORMAT.md §3).
    public static let blockHeaderBytes = 48
    /// The 4 bytes that open every block header: "EVBK".
    public static let blockMarker: UInt32 = 0x4B42_5645
    /// Largest uncompressed record area a reader accepts in one block.
    public static let blockRawBytesMax = 8 << 20

    /// Size of the frame in front of every record inside a block (FORMAT.md §4).
    public static let recordFrameBytes = 4
    /// Largest record payload: 4 MiB. Larger appends fail with `EventLogError.recordTooLarge`.
    public static let recordBytesMax = 4 << 20

    /// Block flag: the stored bytes are one LZ4 block (otherwise they are the raw record area).
    static let blockFlagCompressed: UInt16 = 1 << 0
    /// Block flag: at least one record in the block carries the checkpoint flag.
    static let blockFlagCheckpoint: UInt16 = 1 << 1
    /// Every block flag this version defines; any other bit set makes a block invalid.
    static let blockFlagsKnown: UInt16 = blockFlagCompressed | blockFlagCheckpoint
    /// `lastCheckpointOrdinal` of a block without checkpoint records.
    static let ordinalNone: UInt32 = .max

    /// Record flag: this record is a checkpoint (FORMAT.md §5).
    static let recordFlagCheckpoint: UInt8 = 1 << 0
    /// Every record flag this version defines.
    static let recordFlagsKnown: UInt8 = recordFlagCheckpoint
}

extension LogFormat {
    /// The checksum of the format (XXH64 with `seed`, FORMAT.md §3.2), for tools and benchmarks.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        XXH64.hash(bytes, seed: seed)
    }
}
