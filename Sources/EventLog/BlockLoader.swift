/// Reads one block at a time from a log and checks everything about it before any record is used
/// (FORMAT.md §3.4); owns the reader's two block buffers, so memory stays bounded by one block.
final class BlockLoader {
    let file: LogFile
    /// Seed of every block checksum: the file header's checksum.
    let seed: UInt64
    private var stored: ByteBuffer
    /// The validated record area of the block loaded last.
    private(set) var area: ByteBuffer

    init(file: LogFile, seed: UInt64) {
        self.file = file
        self.seed = seed
        stored = ByteBuffer(capacity: BlockLoader.initialCapacity)
        area = ByteBuffer(capacity: BlockLoader.initialCapacity)
    }

    /// Reads and checks the header of the block at `offset`. `.torn` also covers a clean end of
    /// file: the caller tells the two apart with `isEnd`.
    func readHeader(at offset: Int64, expectedFirstRecordIndex: UInt64) throws(EventLogError) -> (header: BlockHeader?, fault: BlockFault?, isEnd: Bool) {
        let bytes = try file.readBytes(at: offset, count: LogFormat.blockHeaderBytes)
        if bytes.isEmpty { return (nil, nil, true) }
        switch BlockHeader.decode(bytes, seed: seed, expectedFirstRecordIndex: expectedFirstRecordIndex) {
        case .success(let header): return (header, nil, false)
        case .failure(let fault): return (nil, fault, false)
        }
    }

    /// Reads the payload of the block whose header is at `offset`, checks its checksum, decompresses
    /// it and checks its record frames. On success `area` holds the records.
    func loadPayload(of header: BlockHeader, at offset: Int64) throws(EventLogError) -> BlockFault? {
        area = Self.grown(area, toHold: header.rawBytes)
        if header.isCompressed { stored = Self.grown(stored, toHold: header.storedBytes) }
        let payloadOffset = offset + Int64(LogFormat.blockHeaderBytes)
        let target = header.isCompressed ? stored : area
        let got = try file.read(at: payloadOffset, count: header.storedBytes, into: target)
        guard got == header.storedBytes else {
            area.removeAll()
            return .torn("the file ends inside a block (\(got) of \(header.storedBytes) payload bytes)")
        }
        let checksum = target.withUnsafeBytes { XXH64.hash($0, seed: seed) }
        guard checksum == header.payloadChecksum else {
            area.removeAll()
            return .corrupt("block payload checksum mismatch")
        }
        if header.isCompressed, !LZ4Codec.decompress(stored, rawBytes: header.rawBytes, into: area) {
            area.removeAll()
            return .corrupt("block payload does not decompress to \(header.rawBytes) bytes")
        }
        if let fault = area.withUnsafeBytes({ RecordFrame.validate($0, against: header) }) {
            area.removeAll()
            return fault
        }
        return nil
    }

    /// Buffers start small so that short logs and many open readers stay cheap; they grow to the largest block seen.
    private static let initialCapacity = 256 << 10

    /// `buffer`, or a larger one when it cannot hold `bytes`. Each buffer grows to what it holds: the
    /// compressed copy of a block of text is a fraction of the block (F10: a reader held two
    /// block-sized buffers).
    private static func grown(_ buffer: ByteBuffer, toHold bytes: Int) -> ByteBuffer {
        guard bytes > buffer.capacity else { return buffer }
        return ByteBuffer(capacity: min(max(bytes, buffer.capacity * 2), max(bytes, LogFormat.blockRawBytesMax)))
    }
}
