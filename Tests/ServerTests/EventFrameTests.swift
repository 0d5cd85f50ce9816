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

/// An output chunk's frame draws its lines as one read of the step's output draws them (`StepLines`, then
/// `OutputHTML`), whether its lines are plain text (copied as they are) or not (drawn one by one): generated
/// chunks of plain lines, markup, `\r`, escapes, quotes and long lines, cut anywhere, over two steps.
@Suite struct PlainFrameTests {
    static let pieces = ["plain words 123", "a/b.c-d_e:f=g", " ", "<b>", "&", "'", "\"", "\\", "\r", "\u{1b}[32mok\u{1b}[0m", "é", "\u{202e}", "\t"]

    @Test(arguments: [UInt64(31), 32, 33, 34, 35])
    func aFramesLinesAreTheLinesAReadDraws(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        var frames = EventFrames()
        var reference: [StepID: StepLines] = [:]
        for sequence in UInt64(1)...300 {
            let step = StepID(generator.next() % 2 == 0 ? "a" : "b")
            var text = ""
            for _ in 0..<Int(generator.next() % 12) {
                let plainOnly = generator.next() % 3 != 0
                text += plainOnly ? Self.pieces[Int(generator.next() % 2)] : Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))]
                if generator.next() % 3 == 0 { text += "\n" }
            }
            if generator.next() % 40 == 0 { text += String(repeating: "x", count: StepLines.partialBytesMax + Int(generator.next() % 100)) + "\n" }
            let data = Array(text.utf8)
            let frame = String(decoding: frames.frame(for: Event(sequence: sequence, time: Timestamp(microseconds: 1), body: .outputChunk(step: step, stream: .stdout, data: data, redacted: false))), as: UTF8.self)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(frame.split(separator: "\n")[1].dropFirst("data: ".count).utf8)) as? [String: Any])
            let expected = reference[step, default: StepLines()].feed(data).map { OutputHTML.line($0, raw: nil) }
            #expect(json["lines"] as? [String] == expected, "event \(sequence): \(text.debugDescription)")
            let unfinished = reference[step]!.unfinished
            let partial = unfinished.bytes.isEmpty && unfinished.cut == 0 ? nil : OutputHTML.line(unfinished, raw: nil)
            #expect(json["partial"] as? String == partial)
        }
    }
}
