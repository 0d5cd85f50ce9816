import Foundation
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

    /// 256-colour, 24-bit and background colours are drawn (serve16 #5): the theme's 16 as classes, the others
    /// as a style of the colour's hex number; a number out of range draws nothing, and no byte of the sequence
    /// reaches the markup.
    @Test(arguments: [UInt64(71), 72, 73])
    func extendedAndBackgroundColoursAreDrawn(seed: UInt64) {
        let line = "\u{1b}[31mRED16\u{1b}[0m \u{1b}[91mBRIGHT\u{1b}[0m \u{1b}[38;5;196mC256\u{1b}[0m \u{1b}[38;2;255;0;0mTRUE\u{1b}[0m \u{1b}[41mBG\u{1b}[0m"
        #expect(OutputHTML.line(Array(line.utf8)) == "<span class=\"fg1\">RED16</span> <span class=\"fg9\">BRIGHT</span> <span style=\"color:#ff0000\">C256</span> "
            + "<span style=\"color:#ff0000\">TRUE</span> <span class=\"bg1\">BG</span>")
        // Known points of xterm's palette: the cube's corners and the grey ramp's ends.
        for (index, hex) in [(16, "#000000"), (21, "#0000ff"), (46, "#00ff00"), (231, "#ffffff"), (232, "#080808"), (255, "#eeeeee")] {
            #expect(OutputHTML.line(Array("\u{1b}[48;5;\(index)mx".utf8)) == "<span style=\"background-color:\(hex)\">x</span>")
        }
        var generator = SplitMix64(seed: seed)
        for _ in 0..<50 {
            let rgb = (0..<3).map { _ in Int(generator.next() % 256) }
            let hex = "#" + rgb.map { String(format: "%02x", $0) }.joined()
            let themed = Int(generator.next() % 16)
            let raw = "\u{1b}[1;38;2;\(rgb[0]);\(rgb[1]);\(rgb[2]);48;5;\(themed)mz\u{1b}[22;39;49mplain"
            #expect(OutputHTML.line(Array(raw.utf8)) == "<span class=\"bg\(themed) b\" style=\"color:\(hex)\">z</span>plain", "\(raw.debugDescription)")
            let outOfRange = "\u{1b}[38;2;\(256 + rgb[0]);0;0mq\u{1b}[38;5;\(256 + rgb[1])mr"
            #expect(OutputHTML.line(Array(outOfRange.utf8)) == "qr", "\(outOfRange.debugDescription)")
        }
    }
}
