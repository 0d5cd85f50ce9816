import Foundation

/// Cuts one step's output chunks into lines (raw bytes, without the newline) as they come, keeping the
/// line still being written: a progress bar redrawn with `\r` shows its latest state. Memory: the
/// unfinished line only, at most its last `partialBytesMax` bytes (its part after the last `\r` when
/// shorter); the bytes of a longer line left out before them are counted (`Line.cut`), never kept, so a
/// 100 MB line without a newline costs no more than a short one.
struct StepLines {
    static let partialBytesMax = 64 << 10

    /// One line: its last bytes, and how many bytes of it came before them and are not shown.
    struct Line: Equatable {
        var bytes: [UInt8]
        var cut: Int
    }

    private(set) var partial: [UInt8] = []
    /// Bytes of the unfinished line left out before `partial`.
    private(set) var partialCut = 0

    /// Feeds a chunk; returns the lines it completed.
    mutating func feed(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            // memchr finds each newline: plain output is not walked byte by byte.
            while start < raw.count, let hit = memchr(base + start, 0x0A, raw.count - start) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                if partial.isEmpty, partialCut == 0, index - start <= Self.partialBytesMax {
                    // A line within the chunk: one allocation of its own size. (Handing `partial` over and
                    // emptying it keeping its capacity copied that capacity, up to 64 KB, for every line.)
                    lines.append(Line(bytes: Array(bytes[start..<index]), cut: 0))
                } else {
                    append(bytes[start..<index])
                    lines.append(Line(bytes: partial, cut: partialCut))
                    partial = []
                    partialCut = 0
                }
                start = index + 1
            }
        }
        append(bytes[start...])
        return lines
    }

    /// The unfinished line as it stands.
    var unfinished: Line { Line(bytes: partial, cut: partialCut) }

    /// Adds to the unfinished line, keeping its last `partialBytesMax` bytes (and what a `\r` overwrote goes
    /// first): a long piece is cut before it is copied.
    private mutating func append(_ piece: ArraySlice<UInt8>) {
        var piece = piece
        if piece.count > Self.partialBytesMax {
            partialCut += partial.count + piece.count - Self.partialBytesMax
            partial.removeAll(keepingCapacity: true)
            piece = piece.suffix(Self.partialBytesMax)
        }
        partial += piece
        guard partial.count > Self.partialBytesMax else { return }
        let afterReturn = partial.lastIndex(of: UInt8(ascii: "\r")).map { $0 + 1 } ?? 0
        let over = partial.count - Self.partialBytesMax
        if over > afterReturn { partialCut += over }
        partial.removeFirst(max(afterReturn, over))
    }
}
