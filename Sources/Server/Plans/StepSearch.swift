import Foundation
import Rendering

/// One step's output as a whole-log search reads it, chunk by chunk, finding the lines that may hold a
/// needle (lower-case ASCII, letters compared without case). A chunk of plain text — no `\r`, backspace,
/// escape or acting scalar, so its lines show as written — is lower-cased into a reused buffer and searched
/// whole; only a line that holds the needle is cut out of it, so a line without a match costs nothing of
/// its own. A chunk that must be drawn is cut into lines (`StepLines`), each a candidate to be searched
/// as drawn. Between chunks only the unfinished line is kept (`StepLines`: its last bytes), with whether
/// it holds the needle so far and its last `needle.count - 1` bytes, for a match that straddles two chunks.
struct StepSearch {
    /// Why a line is a candidate.
    enum Verdict: Equatable {
        /// It holds the needle as written.
        case found
        /// It holds `\r`, a backspace or an escape (what it shows differs from its bytes), or the needle is
        /// not ASCII: it must be drawn (`TerminalLine`) and searched as drawn.
        case mustBeDrawn
    }

    /// A line that may hold the needle: why, its place among the lines the chunk that ends it completes (as a
    /// plan page numbers a line's permalink, `#e<event>.<index>`), and, for a match made as written, the bytes
    /// around the first match (`Excerpt`): a line longer than what a line shows keeps only its end.
    struct Candidate {
        var line: StepLines.Line
        var verdict: Verdict
        var index: Int
        var excerpt: Excerpt?
    }

    /// Up to `context` bytes either side of a line's first match, and where in the line they start.
    struct Excerpt: Equatable {
        static let context = 2048
        var bytes: [UInt8]
        /// Bytes of the line before the excerpt, and before the match.
        var offset: Int
        var match: Int
    }

    /// The needle, lower-case ASCII without a newline; nil for one beyond ASCII (every line is then drawn).
    let needle: [UInt8]?
    private var lines = StepLines()
    /// Whether the unfinished line holds the needle so far, and whether it must be drawn.
    private var found = false
    private var drawn = false
    /// The last `needle.count - 1` bytes of the unfinished line, lower-cased.
    private var overlap: [UInt8] = []
    /// The chunk lower-cased (reused: no allocation per chunk once it is big enough).
    private var lowered: [UInt8] = []
    /// The unfinished line's first match as written, when it has one.
    private var excerpt: Excerpt?

    init(needle: [UInt8]?) { self.needle = needle }

    /// The unfinished line and why it is a candidate; nil when it is none.
    var unfinished: Candidate? {
        let line = lines.unfinished
        guard !line.bytes.isEmpty || line.cut > 0 else { return nil }
        return verdict.map { Candidate(line: line, verdict: $0, index: 0, excerpt: excerpt) }
    }

    private var verdict: Verdict? { needle == nil || drawn ? .mustBeDrawn : found ? .found : nil }

    /// Feeds a chunk; returns the lines it completed that are candidates, in order.
    mutating func feed(_ data: [UInt8]) -> [Candidate] {
        guard !data.isEmpty else { return [] }
        guard let needle, !data.withUnsafeBytes(TerminalLine.needsRendering) else { return feedLineByLine(data) }
        Self.lower(data, into: &lowered)
        return lowered.withUnsafeBytes { low in
            var candidates: [Candidate] = []
            // The unfinished line goes on up to the chunk's first newline.
            let firstNewline = Self.index(of: 0x0A, in: low, from: 0, to: low.count)
            let head = firstNewline ?? low.count
            if !found, !drawn {
                let before = lines.unfinished.bytes.count + lines.unfinished.cut
                if straddles(low, upTo: head) {
                    found = true
                    excerpt = excerptAround(data, at: 0, line: 0..<head, before: before)
                } else if let hit = Self.find(needle, in: low, from: 0, to: head) {
                    found = true
                    excerpt = excerptAround(data, at: hit, line: 0..<head, before: before)
                }
            }
            guard let firstNewline else {
                _ = lines.feed(data)
                keepOverlap(low, from: 0)
                return candidates
            }
            if let line = lines.feed(Array(data[...firstNewline])).first, let verdict {
                candidates.append(Candidate(line: line, verdict: verdict, index: 0, excerpt: excerpt))
            }
            let lastNewline = Self.lastIndex(of: 0x0A, in: low, from: firstNewline, to: low.count) ?? firstNewline
            // The lines in between, each ending at a newline: only those holding the needle are cut out, and
            // counted (for their index) only up to each match.
            var from = firstNewline + 1
            var (index, counted) = (1, firstNewline + 1)
            while from < lastNewline, let hit = Self.find(needle, in: low, from: from, to: lastNewline) {
                let start = (Self.lastIndex(of: 0x0A, in: low, from: from, to: hit) ?? (from - 1)) + 1
                let end = Self.index(of: 0x0A, in: low, from: hit, to: lastNewline + 1) ?? lastNewline
                index += Self.count(0x0A, in: low, from: counted, to: start)
                counted = end + 1
                var cut = StepLines()
                if let line = cut.feed(Array(data[start...end])).first {
                    candidates.append(Candidate(line: line, verdict: .found, index: index, excerpt: excerptAround(data, at: hit, line: start..<end, before: 0)))
                }
                index += 1
                from = end + 1
            }
            // After the last newline: the new unfinished line.
            let hit = Self.find(needle, in: low, from: lastNewline + 1, to: low.count)
            found = hit != nil
            excerpt = hit.map { excerptAround(data, at: $0, line: (lastNewline + 1)..<low.count, before: 0) }
            drawn = false
            overlap.removeAll(keepingCapacity: true)
            _ = lines.feed(Array(data[(lastNewline + 1)...]))
            keepOverlap(low, from: lastNewline + 1)
            return candidates
        }
    }

    /// The excerpt around a match at `hit` in `data`, within the line's part `line` there, after `before` bytes of it.
    private func excerptAround(_ data: [UInt8], at hit: Int, line: Range<Int>, before: Int) -> Excerpt {
        let start = max(line.lowerBound, hit - Excerpt.context)
        let end = min(line.upperBound, hit + (needle?.count ?? 0) + Excerpt.context)
        return Excerpt(bytes: Array(data[start..<end]), offset: before + start - line.lowerBound, match: before + hit - line.lowerBound)
    }

    /// How many `byte`s `bytes[from..<to]` holds (memchr from one to the next).
    private static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
        var (count, at) = (0, from)
        while let hit = index(of: byte, in: bytes, from: at, to: to) {
            count += 1
            at = hit + 1
        }
        return count
    }

    /// A chunk that must be drawn (or any chunk, for a needle beyond ASCII): every line is cut out, and
    /// each is a candidate unless it is plain and lacks the needle.
    private mutating func feedLineByLine(_ data: [UInt8]) -> [Candidate] {
        var verdicts: [Verdict?] = []
        var excerpts: [Excerpt?] = []
        Self.lower(data, into: &lowered)
        lowered.withUnsafeBytes { low in
            var start = 0
            while start <= low.count {
                let end = Self.index(of: 0x0A, in: low, from: start, to: low.count)
                let piece = UnsafeRawBufferPointer(rebasing: low[start..<(end ?? low.count)])
                if !drawn, TerminalLine.needsRendering(piece) { drawn = true }
                if let needle, !found, !drawn {
                    found = straddles(low, from: start, upTo: end ?? low.count) || Self.find(needle, in: low, from: start, to: end ?? low.count) != nil
                }
                guard let end else {
                    keepOverlap(low, from: start)
                    break
                }
                verdicts.append(verdict)
                excerpts.append(excerpt)
                found = false
                excerpt = nil
                drawn = false
                overlap.removeAll(keepingCapacity: true)
                start = end + 1
            }
        }
        return zip(lines.feed(data), verdicts).enumerated().compactMap { index, candidate in
            candidate.1.map { Candidate(line: candidate.0, verdict: $0, index: index, excerpt: $0 == .found ? excerpts[index] : nil) }
        }
    }

    /// Whether the kept end of the unfinished line and `low[from..<upTo]` (its continuation) join to hold the needle.
    private func straddles(_ low: UnsafeRawBufferPointer, from: Int = 0, upTo end: Int) -> Bool {
        guard let needle, !overlap.isEmpty, end > from else { return false }
        let joined = overlap + low[from..<min(end, from + needle.count - 1)]
        return joined.withUnsafeBytes { Self.find(needle, in: $0, from: 0, to: $0.count) != nil }
    }

    /// Keeps the last `needle.count - 1` bytes of the unfinished line (its kept end, then `low[from...]`).
    private mutating func keepOverlap(_ low: UnsafeRawBufferPointer, from: Int) {
        guard let needle, needle.count > 1, !found, !drawn else { return }
        let keep = needle.count - 1
        overlap += low[max(from, low.count - keep)...]
        if overlap.count > keep { overlap.removeFirst(overlap.count - keep) }
    }

    /// `data` with ASCII letters lower-cased, written over `out`.
    private static func lower(_ data: [UInt8], into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: data)
        out.withUnsafeMutableBufferPointer { bytes in
            for index in bytes.indices where bytes[index] &- UInt8(ascii: "A") < 26 { bytes[index] |= 0x20 }
        }
    }

    /// Where `needle` first starts in `bytes[from..<to]` (memchr for its first byte, then a compare).
    static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = bytes.baseAddress, !needle.isEmpty else { return needle.isEmpty ? from : nil }
        let lastStart = to - needle.count
        var at = from
        return needle.withUnsafeBytes { pattern in
            while at <= lastStart, let hit = memchr(base + at, Int32(pattern[0]), lastStart - at + 1) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + index, pattern.baseAddress!, pattern.count) == 0 { return index }
                at = index + 1
            }
            return nil
        }
    }

    private static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = bytes.baseAddress, to > from, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Read backwards byte by byte (memrchr is a GNU extension): only ever as far back as a line's start.
    private static func lastIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        var index = to - 1
        while index >= from {
            if bytes[index] == byte { return index }
            index -= 1
        }
        return nil
    }
}
