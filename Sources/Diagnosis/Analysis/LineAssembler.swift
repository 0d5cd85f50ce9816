/// Turns chunks of one stream into lines, whatever the chunk boundaries; bounded by `lineBytesMax`.
///
/// `\n` and `\r` both end a line (progress bars redraw with `\r`). A line longer than `lineBytesMax` is
/// handed over as its first `lineBytesMax` bytes, `elision`, and its last `tailBytesMax` bytes: a message
/// and its end (pip's `(from versions: … 9.8, 9.9)`) both reach the rules, in bounded memory.
struct LineAssembler: Sendable {
    static let lineBytesMax = 2_048
    static let tailBytesMax = 1_024
    /// Stands for the middle of a long line that was dropped.
    static let elision = Array(" … ".utf8)

    private(set) var partial: [UInt8] = []
    /// The last bytes of a line past `lineBytesMax`, kept until the line ends (at most twice `tailBytesMax`).
    private var tail: [UInt8] = []

    /// Bytes held between chunks.
    var retainedBytes: Int { partial.count + tail.count }

    /// Calls `emit` for each completed line (without its terminator, possibly empty). A line that lies
    /// within one chunk and fits is handed over in place; only a line split across chunks or too long is copied.
    mutating func feed(_ bytes: some Collection<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let contiguous: Void? = bytes.withContiguousStorageIfAvailable { feed(buffer: $0, emit) }
        if contiguous == nil { Array(bytes).withUnsafeBufferPointer { feed(buffer: $0, emit) } }
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var index = 0
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte == 10 || byte == 13 {
                if partial.isEmpty, index - start <= LineAssembler.lineBytesMax {
                    emit(UnsafeBufferPointer(rebasing: buffer[start..<index]))
                } else {
                    keep(buffer, start..<index)
                    flush(emit)
                }
                start = index + 1
            }
            index += 1
        }
        keep(buffer, start..<count)
    }

    /// Appends to the head while it has room, and the rest to the tail, of which the last `tailBytesMax` count.
    private mutating func keep(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let room = max(0, LineAssembler.lineBytesMax - partial.count)
        let split = min(range.upperBound, range.lowerBound + room)
        partial.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<split]))
        guard split < range.upperBound else { return }
        let rest = max(split, range.upperBound - LineAssembler.tailBytesMax)
        tail.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[rest..<range.upperBound]))
        if tail.count > 2 * LineAssembler.tailBytesMax { tail.removeFirst(tail.count - LineAssembler.tailBytesMax) }
    }

    /// Emits the line held so far (head, and for a long line the elision and its tail) and starts a new one.
    mutating func flush(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        if !tail.isEmpty {
            partial.append(contentsOf: LineAssembler.elision)
            partial.append(contentsOf: tail.suffix(LineAssembler.tailBytesMax))
            tail.removeAll(keepingCapacity: true)
        }
        if !partial.isEmpty { partial.withUnsafeBufferPointer(emit) }
        partial.removeAll(keepingCapacity: true)
    }
}
