/// The verdict on a whole log file: how much of it is valid and where the damage starts (FORMAT.md §5.2).
public struct LogVerification: Equatable, Sendable {
    /// Records in the valid part.
    public var records: UInt64
    /// Bytes from the start of the file to the end of the last valid block (or of the header).
    public var validBytes: Int64
    /// Size of the file.
    public var totalBytes: Int64
    /// Whether anything after `validBytes` could not be used (or the header itself is damaged).
    public var damaged: Bool
    /// "intact", or what is wrong at `firstBadOffset`.
    public var reason: String
    /// Offset of the first unusable byte range, nil when intact.
    public var firstBadOffset: Int64?
    /// Valid blocks.
    public var blocks: Int
    /// The file header, nil when it is damaged.
    public var header: LogHeader?
    /// Blocks after the damage that verify on their own (recovery keeps them in the `.damaged-…` file).
    public var intactBlocksAfterDamage = 0
    /// Records in those blocks.
    public var recordsInIntactBlocksAfterDamage: UInt64 = 0

    /// Bytes after the valid part: what recovery would cut.
    public var bytesAfterValid: Int64 { totalBytes - validBytes }
}
