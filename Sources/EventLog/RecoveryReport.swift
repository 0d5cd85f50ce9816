/// What opening an existing log for append cut from its end (FORMAT.md §5.4).
public struct RecoveryReport: Equatable, Sendable {
    /// Offset where the log was cut: everything before it was kept.
    public var cutOffset: Int64
    /// Bytes removed from the end.
    public var bytesCut: Int64
    /// Records kept.
    public var recordsKept: UInt64
    /// Why the tail was cut (torn block, checksum mismatch, torn header…).
    public var reason: String

    public init(cutOffset: Int64, bytesCut: Int64, recordsKept: UInt64, reason: String) {
        self.cutOffset = cutOffset
        self.bytesCut = bytesCut
        self.recordsKept = recordsKept
        self.reason = reason
    }
}
