import InstallModel
import Testing

@testable import Server

/// A line of output shows only its text: an OSC sequence (a window title, an OSC-8 hyperlink) is
/// dropped whole, whichever terminator it ends with, and nothing of it is left beside the text.
@Suite struct OutputHTMLTests {
    @Test(arguments: [UInt64(3), 4, 5])
    func oscSequencesLeaveOnlyTheText(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let payloads = ["8;;https://example.com/a?b=c", "8;;javascript:alert(6)", "8;;", "0;a title", "2;x\\y", "8;id=1;file:///tmp/x"]
        let terminators = ["\u{1b}\\", "\u{07}"]
        for _ in 0..<200 {
            var raw = ""
            var text = ""
            for _ in 0..<(1 + Int(generator.next() % 5)) {
                let word = "w\(generator.next() % 1000)"
                raw += "\u{1b}]" + payloads[Int(generator.next() % UInt64(payloads.count))] + terminators[Int(generator.next() % 2)] + word
                text += word
            }
            #expect(OutputHTML.line(Array(raw.utf8)) == text, "\(raw.debugDescription)")
        }
    }

    @Test func anEscapeThatCutsAnOSCShortStartsTheNextSequence() {
        let raw = "\u{1b}]0;title\u{1b}[31mred\u{1b}[0m plain"
        #expect(OutputHTML.line(Array(raw.utf8)) == "<span class=\"fg1\">red</span> plain")
    }
}
