/// What opening an existing log for append cut from its end, and where those bytes were kept (FORMAT.md §5.4).
public struct RecoveryReport: Equatable, Sendable, CustomStringConvertible {
    /// Offset where the log was cut: everything before it was kept in place.
    public var cutOffset: Int64
    /// Bytes moved out of the log's end.
    public var bytesCut: Int64
    /// Records kept.
    public var recordsKept: UInt64
    /// Why the tail was cut (torn block, checksum mismatch, torn header…).
    public var reason: String
    /// The file now holding the cut bytes (`<log>.damaged-<UTC time>`): nothing is deleted.
    public var savedPath: String

    public init(cutOffset: Int64, bytesCut: Int64, recordsKept: UInt64, reason: String, savedPath: String) {
        self.cutOffset = cutOffset
        self.bytesCut = bytesCut
        self.recordsKept = recordsKept
        self.reason = reason
        self.savedPath = savedPath
    }

    /// One line for people.
    public var description: String {
        "the log was damaged at byte \(cutOffset) (\(reason)); kept \(recordsKept) records before it and moved the \(bytesCut) bytes after it to \(savedPath)"
    }
}
