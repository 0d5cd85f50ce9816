/// Cuts a byte stream of program output into display lines: ANSI escape sequences and control
/// characters dropped, a tab shown as a space, a carriage return starting the line over (progress bars),
/// a line longer than `lineBytesMax` cut there.
public struct LineCleaner: Sendable, Hashable {
    public static let lineBytesMax = 512
    private var current: [UInt8] = []
    private var escape: EscapeState = .none

    private enum EscapeState: Sendable, Hashable { case none, started, csi, osc }

    public init() {}

    /// The line being written (no newline yet).
    public var partial: String { String(decoding: current, as: UTF8.self) }

    /// Feeds bytes; calls `line` for each line a newline completes.
    public mutating func feed(_ bytes: some Sequence<UInt8>, line: (String) -> Void) {
        for byte in bytes {
            switch escape {
            case .started:
                escape = byte == 0x5B ? .csi : (byte == 0x5D ? .osc : .none)
                continue
            case .csi:
                // Parameters and intermediates are 0x20…0x3F; a final byte in 0x40…0x7E ends the sequence.
                if byte >= 0x40 && byte <= 0x7E { escape = .none }
                continue
            case .osc:
                if byte == 0x07 || byte == 0x1B { escape = .none }
                continue
            case .none:
                break
            }
            switch byte {
            case 0x0A:
                line(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            case 0x0D: current.removeAll(keepingCapacity: true)
            case 0x1B: escape = .started
            case 0x09: append(0x20)
            case 0x00..<0x20, 0x7F: continue
            default: append(byte)
            }
        }
    }

    private mutating func append(_ byte: UInt8) {
        if current.count < LineCleaner.lineBytesMax { current.append(byte) }
    }
}

extension LineCleaner {
    /// Every display line of `bytes`, including a last line without a newline.
    public static func lines(of bytes: some Sequence<UInt8>) -> [String] {
        var cleaner = LineCleaner()
        var lines: [String] = []
        cleaner.feed(bytes) { lines.append($0) }
        if !cleaner.partial.isEmpty { lines.append(cleaner.partial) }
        return lines
    }
}
