#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cuts a byte stream of program output into display lines, each as a terminal would leave it (see
/// `TerminalLine`: a carriage return overwrites from column 0, escape sequences and control
/// characters dropped, a tab shown as a space), cut at `lineBytesMax`.
///
/// Work is a copy of the bytes fed, and memory bounded, however long a line grows without a newline: a
/// line of at most `rawLineBytesMax` bytes shows what it shows whole (its first `lineBytesMax` bytes); a
/// longer one shows its end — the last `lineBytesMax` bytes of what its last `rawLineBytesMax` bytes show,
/// after `elision` of how many bytes came before them (a progress bar redrawn for a gigabyte shows its last
/// state; a gigabyte with no newline costs its copy, not a render of every byte). The log keeps every byte.
public struct LineCleaner: Sendable, Hashable {
    public static let lineBytesMax = 512
    /// Raw bytes of the line being written that are rendered: a longer line shows what its last this-many
    /// bytes show.
    static let rawLineBytesMax = 8 * lineBytesMax
    /// The raw bytes of the line being written: all of it, or (once it is longer than `rawLineBytesMax`)
    /// at least its last `rawLineBytesMax` bytes and at most twice that, so that dropping the front is a
    /// copy per `rawLineBytesMax` bytes fed, not per chunk.
    private var current: [UInt8] = []
    /// Bytes of the line being written before `current`, not kept.
    private var dropped = 0

    public init() {}

    /// Raw bytes of the line being written kept now (a measure of memory, for tests: bounded by twice
    /// `rawLineBytesMax`).
    var keptBytes: Int { current.count }

    /// The line being written (no newline yet), as it shows now.
    public var partial: String { LineCleaner.shown(current, dropped: dropped) }

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
            line(LineCleaner.shown(current, dropped: dropped))
            current.removeAll(keepingCapacity: true)
            dropped = 0
            start = end + 1
        }
    }

    /// Appends bytes without a newline to the line being written, dropping its front once it holds twice
    /// `rawLineBytesMax` (a segment longer than that is copied from its last `rawLineBytesMax` bytes only).
    private mutating func append(_ segment: UnsafeBufferPointer<UInt8>) {
        let window = LineCleaner.rawLineBytesMax
        if segment.count >= window {
            dropped += current.count + segment.count - window
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: UnsafeBufferPointer(rebasing: segment[(segment.count - window)...]))
            return
        }
        current.append(contentsOf: segment)
        if current.count >= 2 * window {
            dropped += current.count - window
            current.removeFirst(current.count - window)
        }
    }

    /// What a line shows when `dropped` bytes came before its kept bytes `raw`: the first `lineBytesMax`
    /// bytes of what it shows whole, or for a line longer than `rawLineBytesMax`, `elision` and the last
    /// `lineBytesMax` bytes of what its last `rawLineBytesMax` bytes show (cut at character boundaries).
    private static func shown(_ raw: [UInt8], dropped: Int) -> String {
        let cut = raw.count > rawLineBytesMax ? raw.count - rawLineBytesMax : 0
        let kept = raw[cut...]
        let visible = TerminalLine.hasControlCharacters(kept) ? TerminalLine.render(kept, keepColor: false) : Array(kept)
        guard dropped + cut > 0 else { return String(decoding: visible.prefix(lineBytesMax), as: UTF8.self) }
        var start = max(0, visible.count - lineBytesMax)
        while start < visible.count, visible[start] & 0xC0 == 0x80 { start += 1 }
        return elision(dropped + cut) + String(decoding: visible[start...], as: UTF8.self)
    }

    /// What a line longer than `rawLineBytesMax` shows before its end: how many of its bytes came before
    /// the last `rawLineBytesMax`, whose rendering it shows.
    static func elision(_ bytesBefore: Int) -> String { "…(\(bytesBefore) bytes before) " }

    /// The index of the first `byte` in `buffer` at or after `start` (memchr).
    private static func index(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, start < buffer.count, let hit = memchr(base + start, Int32(byte), buffer.count - start)
        else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
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
