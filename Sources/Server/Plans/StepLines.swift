import Foundation

/// Cuts one step's output chunks into lines (raw bytes, without the newline) as they come, keeping the
/// line still being written: a progress bar redrawn with `\r` shows its latest state. Memory: the
/// unfinished line only, at most `partialBytesMax` of it (its part after the last `\r` when longer).
struct StepLines {
    static let partialBytesMax = 64 << 10
    private(set) var partial: [UInt8] = []

    /// Feeds a chunk; returns the lines it completed.
    mutating func feed(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            // memchr finds each newline: plain output is not walked byte by byte.
            while start < raw.count, let hit = memchr(base + start, 0x0A, raw.count - start) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                partial += bytes[start..<index]
                lines.append(partial)
                partial.removeAll(keepingCapacity: true)
                start = index + 1
            }
        }
        partial += bytes[start...]
        if partial.count > Self.partialBytesMax {
            let afterReturn = partial.lastIndex(of: UInt8(ascii: "\r")).map { $0 + 1 } ?? 0
            partial.removeFirst(max(afterReturn, partial.count - Self.partialBytesMax))
        }
        return lines
    }
}
