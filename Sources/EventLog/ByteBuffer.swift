/// A fixed-capacity run of bytes that the engine fills and drains without allocating on the hot path.
///
/// `@unchecked Sendable` because the writer hands a buffer to its compression thread and takes it
/// back later: exactly one thread touches a buffer at a time (LogWriter documents the hand-off).
final class ByteBuffer: @unchecked Sendable {
    /// How many bytes the buffer holds at most.
    let capacity: Int
    /// How many bytes are in use, from the start.
    private(set) var count = 0
    private let storage: UnsafeMutableRawPointer

    init(capacity: Int) {
        precondition(capacity > 0, "a ByteBuffer needs room for at least one byte")
        self.capacity = capacity
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// Room left after `count`.
    var spaceBytes: Int { capacity - count }

    /// Forgets the contents.
    func removeAll() { count = 0 }

    /// Copies `bytes` to the end. The caller has checked `spaceBytes`.
    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= spaceBytes, "ByteBuffer overflow: the caller must check spaceBytes and the tail table")
        if let base = bytes.baseAddress, bytes.count > 0 {
            (storage + count).copyMemory(from: base, byteCount: bytes.count)
        }
        count += bytes.count
    }

    /// Stores a little-endian `UInt32` as word `index` of a table that grows down from the end of
    /// the capacity (word 0 is the last 4 bytes). The caller keeps `count` below the table.
    @inline(__always)
    func storeTailWord(_ value: UInt32, index: Int) {
        let offset = capacity - 4 * (index + 1)
        precondition(offset >= count, "ByteBuffer tail table runs into the bytes in use")
        (storage + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Moves the last `words` tail words to just after the bytes in use (keeping their order) and
    /// counts them in.
    func appendTailWords(_ words: Int) {
        let bytes = 4 * words
        precondition(count + bytes <= capacity, "ByteBuffer tail table larger than the free space")
        (storage + count).copyMemory(from: storage + (capacity - bytes), byteCount: bytes)
        count += bytes
    }

    /// The bytes in use.
    @inline(__always)
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    /// Lets `body` write into `[offset, capacity)`; it returns how many bytes it wrote, and the
    /// buffer then holds `offset + written` bytes (bytes before `offset` are kept as they are).
    func fill<E: Error>(from offset: Int, _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int) throws(E) {
        precondition(offset >= 0 && offset <= capacity, "ByteBuffer fill offset \(offset) outside capacity \(capacity)")
        let written = try body(UnsafeMutableRawBufferPointer(start: storage + offset, count: capacity - offset))
        precondition(written >= 0 && written <= capacity - offset, "ByteBuffer fill reported \(written) bytes")
        count = offset + written
    }

    /// Overwrites bytes already in use, starting at `offset`.
    func replace(at offset: Int, with bytes: [UInt8]) {
        precondition(offset >= 0 && offset + bytes.count <= count, "ByteBuffer replace outside the bytes in use")
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { (storage + offset).copyMemory(from: base, byteCount: source.count) }
        }
    }
}
