/// How a `LogWriter` batches records into blocks (group commit) and where it does the compressing.
public struct LogWriterOptions: Sendable {
    /// A block is sealed once its uncompressed record area reaches this many bytes (FORMAT.md §3.3
    /// explains the 4 MiB default). Must be in 4 KiB...4 MiB.
    public var blockBytesTarget: Int
    /// A block is also sealed when its first record has waited this long (checked on each append,
    /// by `flushIfDue()` and by the flush timer), so output reaches the file and followers promptly
    /// even when no more records come.
    public var flushDelayMax: Duration
    /// Run the flush timer. Off only for tests that move an injected clock and call `flushIfDue()`
    /// themselves, so that no real-time timer races their steps.
    public var flushesOnTimer: Bool
    /// Measures `flushDelayMax`. Only for batching: no clock reading ever lands in the log.
    public var clock: any Clock<Duration>
    /// Compress and write sealed blocks on a background thread, overlapping with the caller
    /// producing the next block (two block buffers in flight at most).
    public var compressesInBackground: Bool

    /// Default block size of the group commit, measured in Docs/FORMAT.md §3.3.
    public static let blockBytesTargetDefault = 4 << 20
    /// Smallest and largest allowed `blockBytesTarget`.
    public static let blockBytesTargetRange = (4 << 10)...(4 << 20)

    public init(
        blockBytesTarget: Int = LogWriterOptions.blockBytesTargetDefault,
        flushDelayMax: Duration = .milliseconds(200),
        clock: any Clock<Duration> = ContinuousClock(),
        compressesInBackground: Bool = true,
        flushesOnTimer: Bool = true
    ) {
        precondition(LogWriterOptions.blockBytesTargetRange.contains(blockBytesTarget),
                     "blockBytesTarget \(blockBytesTarget) outside \(LogWriterOptions.blockBytesTargetRange)")
        self.blockBytesTarget = blockBytesTarget
        self.flushDelayMax = flushDelayMax
        self.clock = clock
        self.compressesInBackground = compressesInBackground
        self.flushesOnTimer = flushesOnTimer
    }
}
