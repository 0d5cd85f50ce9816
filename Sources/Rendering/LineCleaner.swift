/// Cuts a byte stream of program output into display lines, each as a terminal would leave it (see
/// `TerminalLine`: a carriage return overwrites from column 0, escape sequences and control
/// characters dropped, a tab shown as a space), cut at `lineBytesMax`.
public struct LineCleaner: Sendable, Hashable {
    public static let lineBytesMax = 512
    /// Raw bytes of the line being written; more than this is cut down to its state at the last
    /// carriage return, or dropped when there is none (they would be past `lineBytesMax` anyway).
    static let rawLineBytesMax = 8 * lineBytesMax
    private var current: [UInt8] = []

    public init() {}

    /// The line being written (no newline yet), as it shows now.
    public var partial: String { LineCleaner.shown(current) }

    /// Feeds bytes; calls `line` for each line a newline completes.
    public mutating func feed(_ bytes: some Sequence<UInt8>, line: (String) -> Void) {
        for byte in bytes {
            if byte == 0x0A {
                line(LineCleaner.shown(current))
                current.removeAll(keepingCapacity: true)
                continue
            }
            if current.count >= LineCleaner.rawLineBytesMax {
                guard let lastReturn = current.lastIndex(of: 0x0D) else { continue }
                current = TerminalLine.render(current[..<lastReturn], keepColor: false) + current[lastReturn...]
                if current.count >= LineCleaner.rawLineBytesMax { continue }
            }
            current.append(byte)
        }
    }

    private static func shown(_ raw: [UInt8]) -> String {
        let visible = TerminalLine.hasControlCharacters(raw) ? TerminalLine.render(raw, keepColor: false) : raw
        return String(decoding: visible.prefix(lineBytesMax), as: UTF8.self)
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
