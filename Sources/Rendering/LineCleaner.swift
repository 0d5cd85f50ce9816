#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream of program output into display lines, each as a terminal would leave it (see
/// `TerminalLine`: a carriage return overwrites from column 0, escape sequences and control
/// characters dropped, a tab shown as a space), cut at `lineBytesMax`.
///
/// Linear in the bytes fed, with at most `rawLineBytesMax` bytes of the line being written kept: when
/// that is full, the text before its last carriage return is folded into what it shows (once per
/// carriage return, never rescanned), and bytes past the limit with no carriage return after them
/// are skipped with memchr (they would show past `lineBytesMax` anyway).
public struct LineCleaner: Sendable, Hashable {
    public static let lineBytesMax = 512
    /// Raw bytes of the line being written kept at most.
    static let rawLineBytesMax = 8 * lineBytesMax
    /// What a fold keeps of the text it renders: `lineBytesMax` cells of at most 4 bytes each, so text
    /// written over it from column 0 shows the same first `lineBytesMax` bytes as it would over the
    /// whole line.
    static let foldedBytesMax = 4 * lineBytesMax
    private var current: [UInt8] = []
    /// Where in `current` the last carriage return not yet folded into the text before it is.
    private var unfoldedReturn: Int?
    /// Raw bytes rendered to fold a long line so far (a measure of work, for tests: linear in the input).
    private(set) var foldedBytes = 0

    public init() {}

    /// The line being written (no newline yet), as it shows now.
    public var partial: String { LineCleaner.shown(current) }

    /// Feeds bytes; calls `line` for each line a newline completes.
    public mutating func feed(_ bytes: some Sequence<UInt8>, line: (String) -> Void) {
        let fedWhole: Void? = bytes.withContiguousStorageIfAvailable { feed(buffer: $0, line: line) }
        if fedWhole == nil { Array(bytes).withUnsafeBufferPointer { feed(buffer: $0, line: line) } }
    }

    private mutating func feed(buffer: UnsafeBufferPointer<UInt8>, line: (String) -> Void) {
        var start = 0
        while start < buffer.count {
            let end = LineCleaner.index(of: 0x0A, in: buffer, from: start) ?? buffer.count
            append(UnsafeBufferPointer(rebasing: buffer[start..<end]))
            guard end < buffer.count else { return }
            line(LineCleaner.shown(current))
            current.removeAll(keepingCapacity: true)
            unfoldedReturn = nil
            start = end + 1
        }
    }

    /// Appends bytes without a newline to the line being written, folding and skipping as described above.
    private mutating func append(_ segment: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < segment.count {
            if current.count >= LineCleaner.rawLineBytesMax {
                if let folded = unfoldedReturn {
                    fold(upTo: folded)
                    unfoldedReturn = nil
                    if current.count < LineCleaner.rawLineBytesMax { continue }
                }
                // Full, with nothing left to fold: skip to the next carriage return; all before it is
                // then overwritten from column 0, so the whole line so far folds into what it shows.
                guard let nextReturn = LineCleaner.index(of: 0x0D, in: segment, from: start) else { return }
                start = nextReturn
                fold(upTo: current.count)
            }
            let end = min(segment.count, start + LineCleaner.rawLineBytesMax - current.count)
            let piece = UnsafeBufferPointer(rebasing: segment[start..<end])
            if let lastReturn = piece.lastIndex(of: 0x0D) { unfoldedReturn = current.count + lastReturn }
            current.append(contentsOf: piece)
            start = end
        }
    }

    /// Replaces the raw bytes before `end` with what they show, at most `foldedBytesMax` bytes of it
    /// (cut at a character boundary).
    private mutating func fold(upTo end: Int) {
        foldedBytes += end
        var shown = TerminalLine.render(current[..<end], keepColor: false)
        if shown.count > LineCleaner.foldedBytesMax {
            var cut = LineCleaner.foldedBytesMax
            while cut > 0, shown[cut] & 0xC0 == 0x80 { cut -= 1 }
            shown.removeSubrange(cut...)
        }
        current.replaceSubrange(..<end, with: shown)
    }

    /// The index of the first `byte` in `buffer` at or after `start` (memchr).
    private static func index(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, start < buffer.count, let hit = memchr(base + start, Int32(byte), buffer.count - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private static func shown(_ raw: [UInt8]) -> String {
        let visible = TerminalLine.hasControlCharacters(raw) ? TerminalLine.render(raw, keepColor: false) : raw
        return String(decoding: visible.prefix(lineBytesMax), as: UTF8.self)
    }

    /// Two cleaners are equal when they hold the same line; the work counter is not compared.
    public static func == (lhs: LineCleaner, rhs: LineCleaner) -> Bool {
        lhs.current == rhs.current && lhs.unfoldedReturn == rhs.unfoldedReturn
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(current)
        hasher.combine(unfoldedReturn)
    }
}

extension LineCleaner {
    /// Feeds bytes of which only the last `count` lines are kept: when more than `count` lines end in
    /// them, the ones before the last `count` are skipped unread and the line being written is dropped
    /// (each line is cleaned from its own bytes alone, so a tail of a gigabyte of output costs its last
    /// lines, not a gigabyte of line cleaning). Returns true then: those lines push out all kept before.
    mutating func feed<Bytes: BidirectionalCollection<UInt8>>(keepingLast count: Int, of bytes: Bytes, line: (String) -> Void) -> Bool {
        var newlines = 0
        var index = bytes.endIndex
        while index != bytes.startIndex {
            bytes.formIndex(before: &index)
            guard bytes[index] == 0x0A else { continue }
            newlines += 1
            if newlines > count {
                self = LineCleaner()
                feed(bytes[bytes.index(after: index)...], line: line)
                return true
            }
        }
        feed(bytes, line: line)
        return false
    }

    /// Every display line of `bytes`, including a last line without a newline.
    public static func lines(of bytes: some Sequence<UInt8>) -> [String] {
        var cleaner = LineCleaner()
        var lines: [String] = []
        cleaner.feed(bytes) { lines.append($0) }
        if !cleaner.partial.isEmpty { lines.append(cleaner.partial) }
        return lines
    }
}
