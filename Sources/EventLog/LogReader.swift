#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a log front to back in bounded memory (one block at a time), verifying every checksum and
/// stopping at the first damaged block (FORMAT.md §5). Never returns a record that did not verify.
///
/// Not `Sendable`: one owner reads at a time. Also reads a log that a live writer is appending to:
/// `next(timeout:)` waits for new blocks like `tail -f`.
public final class LogReader {
    /// The log's path.
    public let path: String
    /// The log's file header.
    public let header: LogHeader
    /// Why reading stopped early, once it has; nil while all is well and at a clean end.
    public private(set) var damage: LogDamage?
    /// Bytes from the start of the file to the end of the last block read and verified.
    public private(set) var validBytes: Int64
    /// Blocks read and verified so far.
    public private(set) var blocksRead = 0
    /// The log-wide index of the record read next: the one after the record last returned (or passed over).
    public var nextRecordIndex: UInt64 { cursor.isAtEnd ? nextBlockFirstIndex : blockFirstIndex + UInt64(cursor.ordinal) }

    private let loader: BlockLoader
    /// Offset of the first block: the length of the file header.
    private let firstBlockOffset: Int64
    /// Offset of the next block to load.
    private var nextBlockOffset: Int64
    /// Index of the first record of the next block to load (= records in verified blocks).
    private var nextBlockFirstIndex: UInt64 = 0
    /// Read position inside `loader.area`, and the log-wide index of the block's first record.
    private var cursor = RecordCursor.empty
    private var blockFirstIndex: UInt64 = 0

    /// Opens the log at `path` and reads its header. Throws `.notALog`, `.headerDamaged`,
    /// `.unsupportedVersion` or `.io`.
    public init(path: String) throws(EventLogError) {
        let file = try LogFile.open(path, writable: false)
        do throws(EventLogError) {
            let start = try file.readBytes(at: 0, count: LogFormat.headerBytesMax)
            switch LogHeader.decode(start) {
            case .notALog:
                throw EventLogError.notALog(path: path, found: Array(start.prefix(8)))
            case .damaged(let offset, let reason, _):
                throw EventLogError.headerDamaged(path: path, offset: Int64(offset), reason: reason)
            case .valid(let header, let byteCount, let seed):
                guard header.readVersion <= LogFormat.versionCurrent else {
                    throw EventLogError.unsupportedVersion(path: path, readVersion: header.readVersion, supported: LogFormat.versionCurrent)
                }
                self.path = path
                self.header = header
                loader = BlockLoader(file: file, seed: seed)
                firstBlockOffset = Int64(byteCount)
                validBytes = Int64(byteCount)
                nextBlockOffset = Int64(byteCount)
            }
        } catch {
            file.close()
            throw error
        }
    }

    deinit { loader.file.close() }

    /// Whether the file at `path` ends before its first record could start: it is empty, ends inside its header
    /// (torn as it was written), or is a whole header and nothing else. A writer creating a log writes and syncs its
    /// header before its first block (FORMAT.md §6.1), so this is what a writer killed as it created the log leaves.
    public static func endsBeforeFirstRecord(path: String) -> Bool {
        guard let file = try? LogFile.open(path, writable: false) else { return false }
        defer { file.close() }
        guard let size = try? file.size(), let start = try? file.readBytes(at: 0, count: LogFormat.headerBytesMax) else { return false }
        switch LogHeader.decode(start) {
        case .notALog: return false
        case .damaged(_, _, let torn): return torn
        case .valid(_, let byteCount, _): return size == Int64(byteCount)
        }
    }

    /// The next record, or nil at the clean end of the log or at the first damage (then `damage` says where).
    public func next() throws(EventLogError) -> LogRecord? {
        while cursor.isAtEnd {
            guard try loadNextBlock() else { return nil }
        }
        let ordinal = cursor.ordinal
        let next = loader.area.withUnsafeBytes { area -> (RecordFrame, [UInt8])? in
            guard let (frame, start) = cursor.next(in: area) else { return nil }
            return (frame, Array(UnsafeRawBufferPointer(rebasing: area[start..<(start + frame.payloadBytes)])))
        }
        guard let (frame, payload) = next else {
            markMalformedFrame()
            return nil
        }
        return LogRecord(index: blockFirstIndex + UInt64(ordinal), isCheckpoint: frame.isCheckpoint, payload: payload)
    }

    /// The next record's payload handed to `body` without a copy (the buffer is valid only during
    /// the call), with its checkpoint flag; nil at the clean end or the first damage, like `next()`.
    public func withNextRecord<T>(_ body: (_ isCheckpoint: Bool, _ payload: UnsafeRawBufferPointer) -> T) throws(EventLogError) -> T? {
        while cursor.isAtEnd {
            guard try loadNextBlock() else { return nil }
        }
        let result = loader.area.withUnsafeBytes { area -> T? in
            guard let (frame, start) = cursor.next(in: area) else { return nil }
            return body(frame.isCheckpoint, UnsafeRawBufferPointer(rebasing: area[start..<(start + frame.payloadBytes)]))
        }
        if result == nil { markMalformedFrame() }
        return result
    }

    /// Calls `body` with each remaining record without copying its payload (the buffer is valid
    /// only during the call). Stops at the clean end or the first damage, like `next()`.
    public func forEachRecord(_ body: (_ index: UInt64, _ isCheckpoint: Bool, _ payload: UnsafeRawBufferPointer) -> Void) throws(EventLogError) {
        while true {
            if cursor.isAtEnd {
                guard try loadNextBlock() else { return }
            }
            loader.area.withUnsafeBytes { area in
                var ordinal = cursor.ordinal
                while let (frame, start) = cursor.next(in: area) {
                    body(blockFirstIndex + UInt64(ordinal), frame.isCheckpoint,
                         UnsafeRawBufferPointer(rebasing: area[start..<(start + frame.payloadBytes)]))
                    ordinal += 1
                }
            }
            if !cursor.isAtEnd {
                markMalformedFrame()
                return
            }
        }
    }

    /// Waits up to `timeout` for the next record while a writer appends (polling every
    /// `pollInterval`). Returns nil on timeout, or on real damage (then `damage` is set); a torn
    /// tail is treated as a block still being written.
    public func next(timeout: Duration, pollInterval: Duration = .milliseconds(10)) throws(EventLogError) -> LogRecord? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if let record = try next() { return record }
            if let damage, !damage.isTornTail { return nil }
            guard clock.now < deadline else { return nil }
            damage = nil
            LogReader.pause(pollInterval)
        }
    }

    /// Moves to the last checkpoint record so that `next()` returns it, walking block headers only
    /// (FORMAT.md §5.3). Payloads are verified only for the block landed on; if that one fails, the
    /// checkpoint before it is tried. Returns false when there is no checkpoint (the position is
    /// then unchanged) or none of their blocks verifies (the reader then starts again at the first record).
    public func seekToLastCheckpoint() throws(EventLogError) -> Bool {
        try seekToLastCheckpoint { _ in true }
    }

    /// Like `seekToLastCheckpoint()`, but lands on the last checkpoint whose payload `accept`s
    /// (for example, the last one before a point in time): later checkpoints are passed over. Only the
    /// blocks of the checkpoints tried are read, newest first.
    public func seekToLastCheckpoint(where accept: (UnsafeRawBufferPointer) -> Bool) throws(EventLogError) -> Bool {
        let size = try loader.file.size()
        var offset = firstBlockOffset
        var expected: UInt64 = 0
        var candidates: [(offset: Int64, header: BlockHeader)] = []
        while true {
            let (header, _, _) = try loader.readHeader(at: offset, expectedFirstRecordIndex: expected)
            guard let header, offset + Int64(header.spanBytes) <= size else { break }
            if header.hasCheckpoint { candidates.append((offset, header)) }
            offset += Int64(header.spanBytes)
            expected = header.firstRecordIndex + UInt64(header.recordCount)
        }
        for candidate in candidates.reversed() {
            guard try loader.loadPayload(of: candidate.header, at: candidate.offset) == nil else { continue }
            damage = nil
            enter(candidate.header, at: candidate.offset)
            // The last accepted checkpoint record of the block (a block may hold several); the block
            // verified, so every frame decodes.
            let landing = loader.area.withUnsafeBytes { area -> Int? in
                var probe = cursor
                var accepted: Int?
                while probe.ordinal <= Int(candidate.header.lastCheckpointOrdinal) {
                    let ordinal = probe.ordinal
                    guard let (frame, start) = probe.next(in: area) else { break }
                    if frame.isCheckpoint, accept(UnsafeRawBufferPointer(rebasing: area[start..<(start + frame.payloadBytes)])) {
                        accepted = ordinal
                    }
                }
                return accepted
            }
            if let landing {
                loader.area.withUnsafeBytes { area in
                    while cursor.ordinal < landing, cursor.next(in: area) != nil {}
                }
                return true
            }
        }
        if !candidates.isEmpty {
            // Failed loads replaced the current block's buffer: start over rather than resume mid-block.
            damage = nil
            nextBlockOffset = firstBlockOffset
            nextBlockFirstIndex = 0
            validBytes = firstBlockOffset
            cursor = .empty
        }
        return false
    }

    /// The next record a live writer has appended by now, without waiting: a torn tail is taken for a
    /// block still being written and tried again on the next call. Nil when there is none yet, or at
    /// real damage (then `damage` says where).
    public func nextAppended() throws(EventLogError) -> LogRecord? {
        if damage?.isTornTail == true { damage = nil }
        return try next()
    }

    /// Where each block starts, oldest first, walking block headers only (no payload is read): for
    /// readers that open a log near its end (the last lines of a huge log) and page back by block.
    public func blockStarts() throws(EventLogError) -> [BlockStart] {
        let size = try loader.file.size()
        var offset = firstBlockOffset
        var expected: UInt64 = 0
        var starts: [BlockStart] = []
        while true {
            let (header, _, _) = try loader.readHeader(at: offset, expectedFirstRecordIndex: expected)
            guard let header, offset + Int64(header.spanBytes) <= size else { break }
            starts.append(BlockStart(offset: offset, firstRecordIndex: header.firstRecordIndex, rawBytes: header.rawBytes, payloadChecksum: header.payloadChecksum))
            offset += Int64(header.spanBytes)
            expected = header.firstRecordIndex + UInt64(header.recordCount)
        }
        return starts
    }

    /// Moves to the block at `start` (one of `blockStarts()`), so that `next()` returns its first record.
    public func seek(to start: BlockStart) {
        damage = nil
        cursor = .empty
        nextBlockOffset = start.offset
        nextBlockFirstIndex = start.firstRecordIndex
        validBytes = start.offset
    }

    /// Verifies the remaining blocks without handing out records (for `LogVerifier` and recovery).
    func skipToEnd() throws(EventLogError) {
        while try loadNextBlock() {}
    }

    /// Records in the verified blocks so far.
    var recordsInVerifiedBlocks: UInt64 { nextBlockFirstIndex }

    /// Bytes searched per read while looking for blocks after damage.
    static let scanWindowBytes = 1 << 20

    /// Blocks after `offset` (where damage starts) that verify on their own: found by their marker,
    /// then header and payload checksums. Their records cannot be placed in the sequence with
    /// certainty (FORMAT.md §5.4), but they tell how much intact data lies behind the damage.
    /// Leaves the current block unusable: call it only after reading has stopped.
    func intactBlocks(after offset: Int64) throws(EventLogError) -> (blocks: Int, records: UInt64) {
        let size = try loader.file.size()
        let headerBytes = LogFormat.blockHeaderBytes
        var position = offset + 1
        var found = (blocks: 0, records: UInt64(0))
        cursor = .empty
        while position + Int64(headerBytes) <= size {
            // A hole holds no block: skip to the next data (a header and a 1 TB sparse hole took hours, integrity13 #20).
            guard let data = LogReader.nextData(in: loader.file, from: position) else { break }
            position = data
            guard position + Int64(headerBytes) <= size else { break }
            let window = try loader.file.readBytes(at: position, count: LogReader.scanWindowBytes + 3)
            guard let hit = LogReader.firstMarker(in: window) else {
                position += Int64(max(window.count - 3, 1))
                continue
            }
            let candidate = position + Int64(hit)
            let bytes = try loader.file.readBytes(at: candidate, count: headerBytes)
            position = candidate + 1
            guard bytes.count == headerBytes,
                case .success(let header) = BlockHeader.decode(bytes, seed: loader.seed, expectedFirstRecordIndex: bytes.littleEndianUInt64(at: 24)),
                candidate + Int64(header.spanBytes) <= size, try loader.loadPayload(of: header, at: candidate) == nil
            else { continue }
            found.blocks += 1
            found.records += UInt64(header.recordCount)
            position = candidate + Int64(header.spanBytes)
        }
        return found
    }

    /// Where the next byte of data at or after `offset` is (`SEEK_DATA`): `offset` itself where holes cannot be told,
    /// nil when only a hole follows.
    static func nextData(in file: LogFile, from offset: Int64) -> Int64? {
        let found = lseek(file.descriptor.rawValue, off_t(offset), seekData)
        if found >= 0 { return max(Int64(found), offset) }
        return errno == ENXIO ? nil : offset
    }

    /// The block marker's bytes as they are in the file ("EVBK").
    private static let marker = withUnsafeBytes(of: LogFormat.blockMarker.littleEndian) { Array($0) }

    /// `SEEK_DATA`, which the C module does not export (it needs `_GNU_SOURCE`).
    #if os(Linux)
    private static let seekData: Int32 = 3
    #else
    private static let seekData: Int32 = 4
    #endif

    /// Index of the first block marker in `bytes` (`memchr` for its first byte, then the rest compared: a window of
    /// zeros is passed over at memory speed, in any build).
    static func firstMarker(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, buffer.count >= marker.count else { return nil }
            var at = 0
            let last = buffer.count - marker.count
            while at <= last, let hit = memchr(base + at, Int32(marker[0]), last + 1 - at) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + index, marker, marker.count) == 0 { return index }
                at = index + 1
            }
            return nil
        }
    }

    // MARK: - Blocks

    /// Unreachable for a verified block; handled rather than trusted because block bytes are input.
    private func markMalformedFrame() {
        damage = LogDamage(offset: validBytes, recordsGood: nextBlockFirstIndex, bytesAfter: 0, isTornTail: false, reason: "malformed record frame in a verified block")
        cursor = .empty
    }

    /// Loads and verifies the next block. Returns false at the clean end or at damage (recorded in `damage`).
    private func loadNextBlock() throws(EventLogError) -> Bool {
        guard damage == nil else { return false }
        let offset = nextBlockOffset
        let (header, headerFault, isEnd) = try loader.readHeader(at: offset, expectedFirstRecordIndex: nextBlockFirstIndex)
        if isEnd { return false }
        var fault = headerFault
        if let header, fault == nil {
            fault = try loader.loadPayload(of: header, at: offset)
            if fault == nil {
                enter(header, at: offset)
                return true
            }
        }
        let size = (try? loader.file.size()) ?? offset
        let isTorn = if case .torn = fault { true } else { false }
        damage = LogDamage(
            offset: offset, recordsGood: nextBlockFirstIndex, bytesAfter: max(size - offset, 0),
            isTornTail: isTorn, reason: fault?.reason ?? "unreadable block")
        return false
    }

    /// Makes the block just loaded (at `offset`) the current one.
    private func enter(_ header: BlockHeader, at offset: Int64) {
        cursor = RecordCursor(areaBytes: loader.area.count, recordCount: header.recordCount) ?? .empty
        blockFirstIndex = header.firstRecordIndex
        nextBlockFirstIndex = header.firstRecordIndex + UInt64(header.recordCount)
        nextBlockOffset = offset + Int64(header.spanBytes)
        validBytes = nextBlockOffset
        blocksRead += 1
    }

    private static func pause(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(max(seconds, 0)), tv_nsec: Int(max(attoseconds, 0) / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
