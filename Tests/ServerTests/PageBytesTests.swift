import Foundation
import InstallModel
import Testing

@testable import Server

/// A plan page is bounded in the bytes it sends, whatever its output holds (serve16 #6: a window cut at 1 MB
/// of output drew 6.5 MB of HTML for 1.6 MB of `"`): output made of what escapes and styles the most — quotes,
/// ampersands, angle brackets, a colour change every few bytes, bytes that are no UTF-8, controls, bidi
/// overrides — draws a page under `OutputWindow.bytesMax` and its chrome, still ending with the log's last line.
@Suite struct PageBytesTests {
    /// The pieces the generated lines are made of, each drawn larger than it is.
    static let pieces: [[UInt8]] = [
        Array("\"".utf8), Array("&".utf8), Array("<".utf8), Array(">".utf8), Array("'".utf8),
        Array("\u{1b}[1mx\u{1b}[31my".utf8), Array("\u{1b}[38;5;196mz\u{1b}[0m".utf8), [0xFF], [0xC3], [0x01], [0x7F],
        Array("\u{202E}".utf8), Array("plain".utf8),
    ]

    @Test(arguments: [UInt64(61), 62, 63, 64, 65])
    func aPageOfOutputThatDrawsLargeStaysSmall(seed: UInt64) throws {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 256 << 10)
        var generator = SplitMix64(seed: seed)
        // Each seed leans on a few pieces; 200 lines of 8,000 bytes and more, as in serve16's repro.
        let favoured = (0..<3).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }
        var text: [UInt8] = []
        for number in 0..<220 {
            var line: [UInt8] = []
            while line.count < 8000 { line += favoured[Int(generator.next() % 3)] }
            text += line + Array(" end of line \(number)\n".utf8)
        }
        try recorded.recordCut(text, chunkMax: 9000, &generator)
        try recorded.finish()
        let page = try PlanPage.html(recorded.log, base: "/plans/\(recorded.id.rawValue)", actions: true, fleet: false)
        let bytes = page.utf8.count
        #expect(bytes < OutputWindow.bytesMax + (64 << 10), "a page of \(bytes) bytes for \(text.count) bytes of output")
        #expect(page.contains("end of line 219"), "the page does not end with the log's last line")
        #expect(page.contains("id=\"earlier\""), "the window holds the whole output: the test shows nothing")
    }
}
