/// Where and why reading stopped before the end of the file (FORMAT.md §5.2).
public struct LogDamage: Equatable, Sendable {
    /// Byte offset of the first block that could not be used; everything before it is valid.
    public var offset: Int64
    /// Records in the valid part (all records of the blocks before `offset`).
    public var recordsGood: UInt64
    /// Bytes from `offset` to the end of the file: what recovery would cut.
    public var bytesAfter: Int64
    /// True when the file simply ends inside a block (a crash while appending, or a writer still
    /// at work); false when bytes are there but wrong.
    public var isTornTail: Bool
    /// What is wrong, for people.
    public var reason: String

    /// "damaged at byte N (M bytes after it)": the one wording every command uses for damage.
    public var summary: String { "damaged at byte \(offset) (\(bytesAfter) bytes after it)" }

    public init(offset: Int64, recordsGood: UInt64, bytesAfter: Int64, isTornTail: Bool, reason: String) {
        self.offset = offset
        self.recordsGood = recordsGood
        self.bytesAfter = bytesAfter
        self.isTornTail = isTornTail
        self.reason = reason
    }
}
