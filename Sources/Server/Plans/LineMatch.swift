import Foundation
import Rendering

/// Whether each line of one step's output holds a needle (lower-case ASCII, letters compared without case),
/// decided as the line streams in chunk by chunk: only the last `needle.count - 1` bytes of the line are
/// kept, to find a match that straddles two chunks, so a line of any length costs no memory.
struct LineMatch {
    /// What a line came to.
    enum Verdict: Equatable {
        case found, notFound
        /// The line holds `\r`, a backspace or an escape: what it shows differs from its bytes, so it must be
        /// drawn (`TerminalLine`) and searched as drawn.
        case mustBeDrawn
    }

    let needle: [UInt8]
    private var overlap: [UInt8] = []
    private var found = false
    private var drawn = false

    init(needle: [UInt8]) { self.needle = needle }

    /// The verdict on the line so far.
    var verdict: Verdict { drawn ? .mustBeDrawn : found ? .found : .notFound }

    /// Feeds a chunk; returns the verdicts of the lines it completed, in order.
    mutating func feed(_ bytes: [UInt8]) -> [Verdict] {
        var verdicts: [Verdict] = []
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var start = 0
            while start <= raw.count {
                let end = memchr(base + start, 0x0A, raw.count - start).map { base.distance(to: UnsafeRawPointer($0)) }
                add(UnsafeRawBufferPointer(rebasing: raw[start..<(end ?? raw.count)]), endsLine: end != nil)
                guard let end else { break }
                verdicts.append(verdict)
                overlap.removeAll(keepingCapacity: true)
                found = false
                drawn = false
                start = end + 1
            }
        }
        return verdicts
    }

    /// Searches a piece of the current line; `endsLine` when the line ends after it (nothing need be kept:
    /// a line that fits in one chunk, the common case, costs one scan and no copy).
    private mutating func add(_ piece: UnsafeRawBufferPointer, endsLine: Bool) {
        guard !piece.isEmpty else { return }
        if !drawn, TerminalLine.needsRendering(piece) { drawn = true }
        guard !found, !drawn, !needle.isEmpty else { return }
        // The join of the kept end and the piece's start first, then the piece itself.
        if !overlap.isEmpty { found = LogSearch.containsIgnoringASCIICase(overlap + piece.prefix(needle.count - 1), needle) }
        found = found || LogSearch.containsIgnoringASCIICase(piece, needle)
        if !endsLine, !found { overlap = Array((overlap + piece.suffix(needle.count - 1)).suffix(needle.count - 1)) }
    }
}
