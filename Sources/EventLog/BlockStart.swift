/// Where one block of a log starts: its byte offset and the log-wide index of its first record, with what its
/// header says of its contents (how many bytes its records take once decompressed, the checksum of what is
/// stored), so a reader can weigh blocks without decoding them and tell a block it saw before from one
/// written in its place.
public struct BlockStart: Sendable, Hashable {
    public var offset: Int64
    public var firstRecordIndex: UInt64
    /// Bytes of the block's record area once decompressed.
    public var rawBytes: Int
    /// The header's checksum of the stored payload (seeded with the file header's): blocks that agree in it hold
    /// the same records.
    public var payloadChecksum: UInt64

    public init(offset: Int64, firstRecordIndex: UInt64, rawBytes: Int, payloadChecksum: UInt64) {
        self.offset = offset
        self.firstRecordIndex = firstRecordIndex
        self.rawBytes = rawBytes
        self.payloadChecksum = payloadChecksum
    }
}
