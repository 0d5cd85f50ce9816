/// Where one block of a log starts: its byte offset and the log-wide index of its first record.
public struct BlockStart: Sendable, Hashable {
    public var offset: Int64
    public var firstRecordIndex: UInt64

    public init(offset: Int64, firstRecordIndex: UInt64) {
        self.offset = offset
        self.firstRecordIndex = firstRecordIndex
    }
}
