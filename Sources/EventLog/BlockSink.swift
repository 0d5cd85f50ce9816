import Dispatch
import Synchronization

/// A sealed block waiting to be compressed and written.
struct SealedBlock: Sendable {
    /// The record area; handed to the sink, which gives it back through `BlockSink.takeBuffer()`.
    var area: ByteBuffer
    var recordCount: Int
    var firstRecordIndex: UInt64
    var lastCheckpointOrdinal: UInt32
}

/// Compresses, checksums and appends sealed blocks (FORMAT.md §3), inline or on one background
/// thread. With the background thread the writer fills one record-area buffer while the sink
/// compresses the other: the two buffers go back and forth and are never touched by both threads.
final class BlockSink: @unchecked Sendable {
    // @unchecked: `endOffset` and `output` are only touched by whichever thread runs `write(_:)`,
    // which is the serial queue when there is one; the shared state is in the two Mutexes.
    private let file: LogFile
    private let seed: UInt64
    private var endOffset: Int64
    private let output: ByteBuffer
    private let queue: DispatchQueue?
    private let freeBuffers: DispatchSemaphore
    private let pool: Mutex<[ByteBuffer]>
    private let failure = Mutex<EventLogError?>(nil)

    /// A sink appending at `endOffset`, with `buffers` record-area buffers of `areaCapacity` bytes.
    init(file: LogFile, seed: UInt64, endOffset: Int64, areaCapacity: Int, background: Bool) {
        self.file = file
        self.seed = seed
        self.endOffset = endOffset
        output = ByteBuffer(capacity: LogFormat.blockHeaderBytes + LZ4Codec.compressedBytesBound(areaCapacity))
        let buffers = background ? 2 : 1
        pool = Mutex((0..<buffers).map { _ in ByteBuffer(capacity: areaCapacity) })
        // Start at 0 and signal: libdispatch traps when a semaphore is freed below its initial
        // value, which would happen while the writer holds a buffer.
        freeBuffers = DispatchSemaphore(value: 0)
        for _ in 0..<buffers { freeBuffers.signal() }
        queue = background ? DispatchQueue(label: "evlog.block-sink") : nil
    }

    /// An empty record-area buffer; waits while both are in flight.
    func takeBuffer() -> ByteBuffer {
        freeBuffers.wait()
        let buffer = pool.withLock { $0.popLast() }
        guard let buffer else { preconditionFailure("BlockSink pool empty after the semaphore allowed a take") }
        buffer.removeAll()
        return buffer
    }

    /// Hands `block` over to be written (now, or soon on the background thread).
    func submit(_ block: SealedBlock) throws(EventLogError) {
        if let error = failure.withLock({ $0 }) {
            giveBack(block.area)
            throw error
        }
        guard let queue else {
            write(block)
            if let error = failure.withLock({ $0 }) { throw error }
            return
        }
        queue.async { self.write(block) }
    }

    /// Waits until every submitted block is written; throws the first write error, if any.
    func drain() throws(EventLogError) {
        queue?.sync {}
        if let error = failure.withLock({ $0 }) { throw error }
    }

    private func write(_ block: SealedBlock) {
        defer { giveBack(block.area) }
        guard failure.withLock({ $0 == nil }) else { return }
        let area = block.area
        let header = LogFormat.blockHeaderBytes
        var flags: UInt16 = 0
        if let compressed = LZ4Codec.compress(area, into: output, at: header) {
            precondition(compressed < area.count, "LZ4Codec returned a block no smaller than its input")
            flags |= LogFormat.blockFlagCompressed
        } else {
            output.fill(from: header) { target in
                area.withUnsafeBytes { source in target.copyMemory(from: source) }
                return area.count
            }
        }
        if block.lastCheckpointOrdinal != LogFormat.ordinalNone { flags |= LogFormat.blockFlagCheckpoint }
        let storedBytes = output.count - header
        let checksum = output.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[header...]), seed: seed) }
        let blockHeader = BlockHeader(
            flags: flags, storedBytes: storedBytes, rawBytes: area.count, recordCount: block.recordCount,
            lastCheckpointOrdinal: block.lastCheckpointOrdinal, firstRecordIndex: block.firstRecordIndex,
            payloadChecksum: checksum)
        output.replace(at: 0, with: blockHeader.encoded(seed: seed))
        do throws(EventLogError) {
            try output.withUnsafeBytes { bytes throws(EventLogError) in try file.write(bytes, at: endOffset) }
            endOffset += Int64(output.count)
        } catch {
            failure.withLock { $0 = error }
        }
    }

    private func giveBack(_ buffer: ByteBuffer) {
        pool.withLock { $0.append(buffer) }
        freeBuffers.signal()
    }
}
