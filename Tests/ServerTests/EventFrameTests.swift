import Foundation
import InstallModel
import Testing

@testable import Server

/// SSE framing: each event is `id: <sequence>` then one `data:` line of JSON and a blank line, whatever
/// the output holds (newlines, `\r`, U+2028, markup, quotes); the data parses back with the same number.
@Suite struct EventFrameTests {
    static let nasty = ["\n", "\r", "\r\n", "\u{2028}", "</script>", "\"", "\\", "data: x", "\u{1b}[31m", "é", "\u{202e}", "id: 9"]

    @Test(arguments: [UInt64(11), 12, 13, 14])
    func everyFrameIsOneIDAndOneDataLine(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var frames = EventFrames()
        for sequence in UInt64(1)...200 {
            let pieces = (0..<Int(generator.next() % 8)).map { _ in Self.nasty[Int(generator.next() % UInt64(Self.nasty.count))] }
            let body: EventBody = generator.next() % 3 == 0
                ? .stepRetry(step: StepID("s"), reason: pieces.joined())
                : .outputChunk(step: StepID("s"), stream: .stdout, data: Array(pieces.joined().utf8), redacted: false)
            let frame = String(decoding: frames.frame(for: Event(sequence: sequence, time: Timestamp(microseconds: 1), body: body)), as: UTF8.self)
            let lines = frame.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 4 && lines[0] == "id: \(sequence)" && lines[1].hasPrefix("data: ") && lines[2].isEmpty && lines[3].isEmpty, "\(frame.debugDescription)")
            #expect(!frame.contains("\r"))
            let json = try JSONSerialization.jsonObject(with: Data(lines[1].dropFirst("data: ".count).utf8)) as? [String: Any]
            #expect((json?["seq"] as? NSNumber)?.uint64Value == sequence)
            if case .outputChunk = body { #expect(!lines[1].contains("<script"), "markup from output reaches the page escaped") }
        }
    }
}
