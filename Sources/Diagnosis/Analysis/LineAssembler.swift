/// Turns chunks of one stream into lines, whatever the chunk boundaries; bounded by `lineBytesMax`.
///
/// `\n` and `\r` both end a line (progress bars redraw with `\r`). A line longer than `lineBytesMax`
/// keeps its first `lineBytesMax` bytes; the rest up to the next line end is dropped.
struct LineAssembler: Sendable {
    static let lineBytesMax = 2_048

    private(set) var partial: [UInt8] = []

    /// Calls `emit` for each completed line (without its terminator, possibly empty). A line that lies
    /// within one chunk is handed over in place; only a line split across chunks is copied.
    mutating func feed(_ bytes: some Collection<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let done = bytes.withContiguousStorageIfAvailable { feed(buffer: $0, emit) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { feed(buffer: $0, emit) } }
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var index = 0
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte == 10 || byte == 13 {
                if partial.isEmpty {
                    emit(UnsafeBufferPointer(rebasing: buffer[start..<min(index, start + LineAssembler.lineBytesMax)]))
                } else {
                    keep(buffer, start..<index)
                    partial.withUnsafeBufferPointer(emit)
                    partial.removeAll(keepingCapacity: true)
                }
                start = index + 1
            }
            index += 1
        }
        keep(buffer, start..<count)
    }

    /// Appends what still fits under `lineBytesMax`; the overflow of a long line is dropped.
    private mutating func keep(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        let room = LineAssembler.lineBytesMax - partial.count
        guard room > 0, !range.isEmpty else { return }
        let end = min(range.upperBound, range.lowerBound + room)
        partial.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<end]))
    }

    /// Emits the last line when the output did not end with a line break.
    mutating func flush(_ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        if !partial.isEmpty { partial.withUnsafeBufferPointer(emit) }
        partial.removeAll()
    }
}
