import Dispatch
import Synchronization

/// Appends records to a log: group commit into compressed, checksummed blocks, explicit durable
/// points with `sync()`, and an exclusive lock so there is one writer per log (FORMAT.md §3, §6).
///
/// Records get consecutive indexes from 0; a record is durable once a `sync()` (or `close()`) after
/// it has returned. A timer seals a block whose first record has waited `flushDelayMax`, so a quiet
/// writer's records reach the file within that bound even when nothing else is appended (§3.3).
public final class LogWriter: @unchecked Sendable {
    // @unchecked: every mutable property below is read and written only while `access` is held —
    // by the owner's calls and by the flush timer, which runs on a Dispatch queue.
    /// The log's path.
    public let path: String
    /// The log's file header (the existing one when the log was reopened).
    public let header: LogHeader
    /// What opening cut from a damaged tail, if anything.
    public let recovery: RecoveryReport?
    /// Records in the log, counting those recovered at open and those still pending: the index the next record gets.
    public var recordCount: UInt64 { access.withLock { _ in recordTotal } }

    private let options: LogWriterOptions
    private let file: LogFile
    private let lock: WriterLock
    private let sink: BlockSink
    private let elapsed: () -> Duration
    private let access = Mutex(())
    private let flushTimer: DispatchSourceTimer
    private var recordTotal: UInt64
    private var isOpen = true
    /// A write error met by the flush timer, thrown by the next `append`, `sync` or `close`.
    private var timerFailure: EventLogError?

    // The block being filled.
    private var pending: ByteBuffer
    private var pendingRecords = 0
    private var pendingLastCheckpoint = LogFormat.ordinalNone
    private var pendingSince: Duration = .zero

    /// Creates the log at `path`, or opens an existing one for append after recovering it (a torn
    /// or corrupt tail is moved to `<path>.damaged-<UTC time>` and cut; see `recovery`). Takes the
    /// writer lock first; a second writer gets `.locked` naming the holder's pid. `label`, `creator`
    /// and `createdAtMicros` go into the header of a new log and are ignored for an existing one;
    /// `nowMicros` (default `createdAtMicros`) names a damaged tail's file. `holding` is the log's lock
    /// when the caller took it first (`lock(path:)`); the writer then owns it and appends through its descriptor.
    /// `mayHoldEventParts` goes into a new log's header too (`LogHeader.mayHoldEventParts`). `claimsCopies`: a
    /// plan's log, whose copies (its directory or home swapped for one) get no second writer either (`WriterLock`).
    public static func open(
        path: String, label: String, creator: String, createdAtMicros: Int64, mayHoldEventParts: Bool = false,
        nowMicros: Int64? = nil, options: LogWriterOptions = .init(), claimsCopies: Bool = false, holding held: WriterLock? = nil
    ) throws(EventLogError) -> LogWriter {
        let fresh = LogHeader(creator: creator, label: label, createdAtMicros: createdAtMicros, mayHoldEventParts: mayHoldEventParts)
        let freshBytes = try fresh.encoded()
        let lock: WriterLock
        precondition(held.map { $0.lockPath == WriterLock.lockPath(for: path) } ?? true, "the lock held is another log's")
        if let held { lock = held } else { lock = try WriterLock(logPath: path, create: true, claimsCopies: claimsCopies) }
        guard let file = lock.log else { throw .writerClosed(path: path) }
        do throws(EventLogError) {
            let opened = try LogWriter.prepare(file: file, fresh: fresh, freshBytes: freshBytes, nowMicros: nowMicros ?? createdAtMicros)
            try lock.claimContent(seed: opened.seed)
            return LogWriter(path: path, opened: opened, file: file, lock: lock, options: options)
        } catch {
            lock.release()
            throw error
        }
    }

    /// The pid of the process writing the log at `path`, nil when no writer holds it (a plan whose
    /// log is unlocked is not running: it finished or crashed). 0 if held by a writer that has not
    /// yet recorded its pid.
    public static func isLocked(path: String) -> Int32? {
        WriterLock.holder(ofLogAt: path)
    }

    /// The writer still holding the lock of the log at `path` for another file that used to be there (a copy was
    /// renamed over it): its pid and the file it locked, for the caller to check; nil otherwise (see `WriterLock`).
    public static func replacedLogHolder(path: String) -> (pid: Int32, log: FileIdentity)? {
        WriterLock.replacedLogHolder(ofLogAt: path)
    }

    /// The process claiming the place of the log at `path` as its writer (`WriterPresence`), whatever became of the
    /// log's and sidecar's files: its pid, for the caller to check that it runs evlog; nil when none does.
    public static func placeHolder(path: String) -> Int32? {
        LogPlace(ofLogAt: path).flatMap(WriterPresence.holder(of:))
    }

    /// Takes the writer lock of the existing log at `path` before appending to it (see `WriterLock`); a log
    /// another writer holds throws `.locked` naming it. `claimsCopies` as for `open`.
    public static func lock(path: String, claimsCopies: Bool = false) throws(EventLogError) -> WriterLock {
        try WriterLock(logPath: path, create: false, claimsCopies: claimsCopies)
    }

    /// The file beside the log at `path` that names its writer (removed with the log).
    public static func lockFilePath(for path: String) -> String { WriterLock.lockPath(for: path) }

    private init(path: String, opened: Opened, file: LogFile, lock: WriterLock, options: LogWriterOptions) {
        self.path = path
        header = opened.header
        recovery = opened.recovery
        recordTotal = opened.recordCount
        self.options = options
        self.file = file
        self.lock = lock
        let areaCapacity = max(options.blockBytesTarget, LogFormat.recordFrameBytes + LogFormat.recordBytesMax)
        sink = BlockSink(file: file, seed: opened.seed, endOffset: opened.endOffset, areaCapacity: areaCapacity,
                         background: options.compressesInBackground)
        pending = sink.takeBuffer()
        elapsed = LogWriter.stopwatch(options.clock)
        flushTimer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "evlog.flush-timer"))
        flushTimer.setEventHandler { [weak self] in self?.flushFromTimer() }
        flushTimer.schedule(deadline: .distantFuture)
        flushTimer.activate()
    }

    deinit {
        flushTimer.cancel()
        // Best effort for an owner that forgot close(); errors have nowhere to go here.
        try? close()
    }

    /// Appends one record (0...`LogFormat.recordBytesMax` bytes). It lands in the pending block;
    /// call `sync()` to make it durable.
    public func append(_ payload: UnsafeRawBufferPointer, checkpoint: Bool = false) throws(EventLogError) {
        try access.withLock { _ throws(EventLogError) in try appendLocked(payload, checkpoint: checkpoint) }
    }

    private func appendLocked(_ payload: UnsafeRawBufferPointer, checkpoint: Bool) throws(EventLogError) {
        try checkOpen()
        guard payload.count <= LogFormat.recordBytesMax else {
            throw .recordTooLarge(bytes: payload.count, limit: LogFormat.recordBytesMax)
        }
        // Payloads grow from the start of the buffer, frames down from its end (FORMAT.md §4);
        // a block's area is both together, so the pair stays within the target and the capacity.
        let recordBytes = LogFormat.recordFrameBytes + payload.count
        if pendingRecords > 0, pendingAreaBytes + recordBytes > options.blockBytesTarget {
            try seal()
        }
        precondition(pendingAreaBytes + recordBytes <= pending.capacity, "block buffer smaller than blockBytesTarget or a record")
        if pendingRecords == 0 {
            pendingSince = elapsed()
            if options.flushesOnTimer { armFlushTimer(after: options.flushDelayMax) }
        }
        let flags = checkpoint ? LogFormat.recordFlagCheckpoint : 0
        pending.storeTailWord(RecordFrame(payloadBytes: payload.count, flags: flags).word, index: pendingRecords)
        pending.append(payload)
        if checkpoint { pendingLastCheckpoint = UInt32(pendingRecords) }
        pendingRecords += 1
        recordTotal += 1
        if pendingAreaBytes >= options.blockBytesTarget || elapsed() - pendingSince >= options.flushDelayMax {
            try seal()
        }
    }

    /// Appends one record; see `append(_:checkpoint:)` with a buffer.
    public func append(_ payload: [UInt8], checkpoint: Bool = false) throws(EventLogError) {
        var failure: EventLogError?
        payload.withUnsafeBytes { bytes in
            do throws(EventLogError) { try append(bytes, checkpoint: checkpoint) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Seals the pending block if its first record has waited `flushDelayMax`. The flush timer does
    /// this on its own; owners with an injected clock call it after moving that clock.
    public func flushIfDue() throws(EventLogError) {
        try access.withLock { _ throws(EventLogError) in
            guard isOpen, pendingRecords > 0, elapsed() - pendingSince >= options.flushDelayMax else { return }
            try seal()
        }
    }

    /// Writes the pending block and waits for the disk (fsync): every record appended so far
    /// survives a crash from now on (FORMAT.md §6.1). A log whose path names another file by now (renamed
    /// over) throws `.replaced` and the writer takes no more records (§6.3).
    public func sync() throws(EventLogError) {
        try access.withLock { _ throws(EventLogError) in try syncLocked() }
    }

    /// `sync()`, then releases the lock and the file. Further calls do nothing.
    public func close() throws(EventLogError) {
        try access.withLock { _ throws(EventLogError) in
            guard isOpen else { return }
            flushTimer.cancel()
            defer { fail() }
            try syncLocked()
        }
    }

    // MARK: - Internals

    private func syncLocked() throws(EventLogError) {
        try checkOpen()
        do throws(EventLogError) {
            // Each durable point checks the path still names this file: a copy renamed over it may have a writer of its own.
            guard FileIdentity(of: file) == FileIdentity(atPath: path) else { throw EventLogError.replaced(path: path) }
            try seal()
            try sink.drain()
            try file.sync()
        } catch {
            fail()
            throw error
        }
    }

    /// Throws if the writer takes no more records: closed, or failed (the timer's error first).
    private func checkOpen() throws(EventLogError) {
        if let timerFailure {
            self.timerFailure = nil
            throw timerFailure
        }
        guard isOpen else { throw .writerClosed(path: path) }
    }

    /// Fires the flush timer `delay` from now (replacing an earlier deadline).
    private func armFlushTimer(after delay: Duration) {
        let (seconds, attoseconds) = delay.components
        let nanoseconds = Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
        flushTimer.schedule(deadline: .now() + .nanoseconds(max(nanoseconds, 0)))
    }

    /// The timer's turn: seal the pending block if it is due; if the writer's clock says it is not
    /// yet (an injected clock, or timer slack), look again when it will be.
    private func flushFromTimer() {
        access.withLock { _ in
            guard isOpen, pendingRecords > 0 else { return }
            let waited = elapsed() - pendingSince
            guard waited >= options.flushDelayMax else {
                armFlushTimer(after: options.flushDelayMax - waited)
                return
            }
            do throws(EventLogError) { try seal() } catch { timerFailure = error }
        }
    }

    /// Bytes the pending block's record area will have: payloads plus frame table.
    private var pendingAreaBytes: Int { pending.count + LogFormat.recordFrameBytes * pendingRecords }

    /// Hands the pending block to the sink and takes a fresh buffer.
    private func seal() throws(EventLogError) {
        guard pendingRecords > 0 else { return }
        pending.appendTailWords(pendingRecords)
        let block = SealedBlock(
            area: pending, recordCount: pendingRecords,
            firstRecordIndex: recordTotal - UInt64(pendingRecords), lastCheckpointOrdinal: pendingLastCheckpoint)
        pendingRecords = 0
        pendingLastCheckpoint = LogFormat.ordinalNone
        do throws(EventLogError) {
            try sink.submit(block)
        } catch {
            pending = sink.takeBuffer()
            fail()
            throw error
        }
        pending = sink.takeBuffer()
    }

    /// Stops taking records and lets go of the file and the lock (after a close or a failed write,
    /// whose blocks may be missing from the file: the owner reopens the log, which recovers it).
    private func fail() {
        guard isOpen else { return }
        isOpen = false
        try? sink.drain()
        lock.release()  // closes `file`: the lock is held on it
    }

    private static func stopwatch<C: Clock>(_ clock: C) -> () -> Duration where C.Duration == Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
