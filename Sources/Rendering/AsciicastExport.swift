import Foundation
import InstallModel

/// `evlog export --asciicast`: the run as an asciicast v2 recording (what `asciinema play` and
/// asciinema.org play), drawn by the same `LineRenderer` as a live run piped to a file.
///
/// The first line is the header (`version` 2, `width`, `height`, `timestamp` in Unix seconds, `title`);
/// then one `[seconds, "o", text]` line per event that draws something, timed from the first event.
/// Lines end in `\r\n` as a terminal in raw mode needs. A UTF-8 character split between two events is
/// carried to the next, so every text is valid UTF-8. Memory: the renderer's state, never the log.
public struct AsciicastExport {
    /// The terminal size written in the header (the view is line-oriented, so only the width matters).
    public static let width = 120
    public static let height = 32

    private let renderer: LineRenderer
    private var origin: Timestamp?
    private var lastSeconds = 0.0
    private var carry: [UInt8] = []

    public init(colored: Bool) { renderer = LineRenderer(style: TextStyle(colored: colored)) }

    /// The header line for a plan created at `createdAt`.
    public func header(title: String, createdAt: Timestamp?) throws -> String {
        let header = Header(
            version: 2, width: Self.width, height: Self.height,
            timestamp: createdAt.map { $0.microseconds / 1_000_000 }, title: title,
            env: ["TERM": "xterm-256color"])
        return try JSONOutput.encode(header) + "\n"
    }

    /// The event's output line, or "" when the event draws nothing.
    public mutating func line(for event: Event) throws -> String {
        let start = origin ?? event.time
        origin = start
        // Never backwards, whatever the clock did (asciicast players expect ascending times).
        lastSeconds = max(lastSeconds, Double(event.time.microseconds(since: start)) / 1_000_000)
        return try line(renderer.render(event), at: lastSeconds)
    }

    /// The last partial lines, at the time of the last event.
    public mutating func finish() throws -> String {
        let rest = renderer.finish()
        let text = try line(rest + carry, at: lastSeconds, flushing: true)
        carry = []
        return text
    }

    private mutating func line(_ bytes: [UInt8], at seconds: Double, flushing: Bool = false) throws -> String {
        var data = carry + bytes
        carry = flushing ? [] : Self.incompleteUTF8Suffix(of: data)
        data.removeLast(carry.count)
        guard !data.isEmpty else { return "" }
        let text = String(decoding: Self.withCarriageReturns(data), as: UTF8.self)
        let rounded = (seconds * 1_000_000).rounded() / 1_000_000
        return try JSONOutput.encode(OutputEvent(seconds: rounded, text: text)) + "\n"
    }

    /// `\n` as `\r\n` (a bare `\n` only moves down on a raw terminal).
    static func withCarriageReturns(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous != 0x0D { out.append(0x0D) }
            out.append(byte)
            previous = byte
        }
        return out
    }

    /// The bytes at the end that start a UTF-8 character without finishing it.
    static func incompleteUTF8Suffix(of bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        for back in 1...min(3, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }  // a continuation byte: look further back
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? Array(bytes.suffix(back)) : []
        }
        return []
    }

    private struct Header: Encodable {
        var version: Int
        var width: Int
        var height: Int
        var timestamp: Int64?
        var title: String
        var env: [String: String]
    }

    /// `[seconds, "o", text]`.
    private struct OutputEvent: Encodable {
        var seconds: Double
        var text: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(seconds)
            try container.encode("o")
            try container.encode(text)
        }
    }
}
