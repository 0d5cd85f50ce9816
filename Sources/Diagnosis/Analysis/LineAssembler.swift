/// Turns chunks of one stream into lines, whatever the chunk boundaries; bounded by `lineBytesMax`.
///
/// `\n` and `\r` both end a line (progress bars redraw with `\r`). A line longer than `lineBytesMax`
/// keeps its first `lineBytesMax` bytes; the rest up to the next line end is dropped.
struct LineAssembler: Sendable {
    static let lineBytesMax = 2_048

    private(set) var partial: [UInt8] = []
    private var overflowing = false

    /// Calls `emit` for each completed line (without its terminator, possibly empty).
    mutating func feed(_ bytes: some Collection<UInt8>, _ emit: (ArraySlice<UInt8>) -> Void) {
        for byte in bytes {
            if byte == 10 || byte == 13 {
                emit(partial[...])
                partial.removeAll(keepingCapacity: true)
                overflowing = false
            } else if partial.count < LineAssembler.lineBytesMax {
                partial.append(byte)
            } else {
                overflowing = true
            }
        }
    }

    /// Emits the last line when the output did not end with a line break.
    mutating func flush(_ emit: (ArraySlice<UInt8>) -> Void) {
        if !partial.isEmpty { emit(partial[...]) }
        partial.removeAll()
        overflowing = false
    }
}
