import InstallModel
import Rendering
import Testing

/// Output drawn as a terminal would leave it: in the line view (live and replay), in output tails
/// (`what-failed`, the HTML report) and in the asciicast export.
struct TerminalFidelityTests {
    static func rendered(_ raw: String, color: Bool = false) -> String {
        String(decoding: TerminalLine.render(Array(raw.utf8), keepColor: color), as: UTF8.self)
    }

    /// The line view of one step's output, given as chunks.
    static func lineView(_ chunks: [String], colored: Bool = false) -> String {
        let renderer = LineRenderer(style: TextStyle(colored: colored))
        var out: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            let body = EventBody.outputChunk(step: "s", stream: .stdout, data: Array(chunk.utf8), redacted: false)
            out += renderer.render(Event(sequence: UInt64(index + 1), time: Timestamp(microseconds: Int64(index)), body: body))
        }
        out += renderer.finish()
        return String(decoding: out, as: UTF8.self)
    }

    /// Plain text ending in carriage returns (`\r\n` lines) skips the screen; it must give what the
    /// screen gives. A leading cursor-home sequence (dropped, no effect) sends the same line through it.
    @Test func aPlainLineGivesWhatTheScreenGives() {
        let alphabet = Array("ab Z~\t\r09-".unicodeScalars)
        var random = SplitMix64(seed: 0x7E2A)
        for length in 0..<60 {
            let line = String(String.UnicodeScalarView((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            for ending in ["", "\r", "\r\r"] {
                #expect(Self.rendered(line + ending) == Self.rendered("\u{1B}[H" + line + ending), "\(line.debugDescription)")
            }
        }
    }

    @Test func aProgressLineRedrawnWithCarriageReturnsShowsItsFinalState() {
        #expect(Self.rendered("(Reading database ... 5%\r(Reading database ... 50%\r(Reading database ... 100%") == "(Reading database ... 100%")
        // Overwriting, not clearing: a shorter redraw leaves the end of the longer one, as on a terminal.
        #expect(Self.rendered("downloading 100 files\rdone") == "doneloading 100 files")
        #expect(Self.rendered("50%\r\u{1B}[Kdone") == "done")
    }

    @Test func progressSplitOverChunksIsDrawnOnceInTheLineView() {
        let text = Self.lineView(["(Reading database ... 5%\r(Reading", " database ... 50%\r", "(Reading database ... 100%\nnext\n"])
        #expect(text == "s │ (Reading database ... 100%\ns │ next\n")
    }

    /// One-byte lines leave the fast path's buffer too small: the rest are prefixed all the same.
    @Test func veryShortLinesAllGetTheirPrefix() {
        let text = Self.lineView(["x", String(repeating: "a\n", count: 1000) + "tail"])
        #expect(text == "s │ xa\n" + String(repeating: "s │ a\n", count: 999) + "s │ tail\n")
    }

    @Test func carriageReturnNewlineLinesAreNotBlank() {
        let text = Self.lineView(["Unpacking demo (1.0) ...\r\nSetting up demo (1.0) ...\r\n"])
        #expect(text == "s │ Unpacking demo (1.0) ...\ns │ Setting up demo (1.0) ...\n")
        #expect(LineCleaner.lines(of: Array("Unpacking demo ...\r\nSetting up demo ...\r\n".utf8)) == ["Unpacking demo ...", "Setting up demo ..."])
        var tail = StreamTail(linesMax: 5)
        tail.feed(.stdout, Array("a 10%\ra 100%\r\nb\r\n".utf8))
        #expect(tail.lines.map(\.text) == ["a 100%", "b"])
    }

    @Test func colourIsKeptOnColourTerminalsAndStrippedOtherwise() {
        let red = "\u{1B}[31merror\u{1B}[0m: no"
        #expect(Self.rendered(red) == "error: no")
        #expect(Self.rendered(red, color: true) == red + "\u{1B}[0m")
        #expect(Self.lineView([red + "\n"]) == "s │ error: no\n")
        #expect(Self.lineView([red + "\n"], colored: true).contains("\u{1B}[31merror"))
    }

    @Test func cursorMovementNeverReachesTheTerminal() {
        let hostile = "a\u{1B}[2A\u{1B}[10;1Hb\u{1B}[2J\u{1B}]0;title\u{07}c\u{1B}7d"
        #expect(Self.rendered(hostile) == "abcd")
        #expect(Self.rendered(hostile, color: true) == "abcd")
        #expect(!Self.lineView([hostile + "\n"], colored: true).contains("\u{1B}[2A"))
    }

    /// The rendering fixtures hold dpkg output captured from a real `apt-get install ripgrep`: its
    /// `(Reading database ... N%` progress redrawn with `\r`, and `\r\n` line ends.
    @Test(arguments: ["done", "parallel"])
    func capturedDpkgProgressShowsOnlyItsFinalState(_ name: String) throws {
        let events = try FixtureLogs.events(name)
        let raw = events.compactMap { event -> [UInt8]? in
            if case .outputChunk(_, _, let data, _) = event.body { data } else { nil }
        }.joined()
        #expect(raw.contains(0x0D), "the fixture no longer holds carriage returns")
        let text = FixtureLogs.render(events, with: LineRenderer(style: TextStyle(colored: false)))
        #expect(text.contains("(Reading database ... 107939 files and directories currently installed.)"))
        #expect(!text.contains("5%(Reading"))
        #expect(!text.contains("\r"))
        // The HTML report's transcript: dpkg's `\r\n` lines keep their text.
        let report = HTMLReport.html(RunTimeline(events: events))
        #expect(report.contains("Setting up ripgrep (13.0.0-4+b2) ..."))
    }
}
