/// One record read back from a log: its log-wide index, its checkpoint flag and its opaque payload.
public struct LogRecord: Equatable, Sendable {
    /// 0-based position of the record in the log.
    public var index: UInt64
    /// Whether the writer marked the record as a checkpoint.
    public var isCheckpoint: Bool
    /// The bytes the writer appended.
    public var payload: [UInt8]

    public init(index: UInt64, isCheckpoint: Bool, payload: [UInt8]) {
        self.index = index
        self.isCheckpoint = isCheckpoint
        self.payload = payload
    }
}
