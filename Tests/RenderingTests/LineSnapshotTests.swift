import InstallModel
import Rendering
import Testing

/// The plain line view of each fixture log, byte for byte.
struct LineSnapshotTests {
    @Test(arguments: FixtureLogs.names)
    func plainRenderingMatchesSnapshot(_ name: String) throws {
        let text = FixtureLogs.render(try FixtureLogs.events(name), with: LineRenderer(style: TextStyle(colored: false)))
        try FixtureLogs.expectSnapshot(text, named: name + ".lines.txt")
    }

    @Test func plainRenderingHasNoEscapeSequences() throws {
        for name in FixtureLogs.names {
            let text = FixtureLogs.render(try FixtureLogs.events(name), with: LineRenderer(style: TextStyle(colored: false)))
            #expect(!text.contains("\u{1B}"), "\(name): escape sequence in plain output")
        }
    }

    @Test func failedLogEndsWithDiagnosisAndRemediations() throws {
        let text = FixtureLogs.render(try FixtureLogs.events("failed"), with: LineRenderer(style: TextStyle(colored: false)))
        #expect(text.contains("FAIL apt-packages"))
        #expect(text.contains("why: "))
        #expect(text.contains("what to do:"))
        #expect(text.contains("plan failed"))
    }

    @Test func resumedLogRendersBothRuns() throws {
        let text = FixtureLogs.render(try FixtureLogs.events("resumed"), with: LineRenderer(style: TextStyle(colored: false)))
        #expect(text.contains("plan stopped: the previous run ended without finishing"))
        #expect(text.contains("==> resuming plan"))
        #expect(text.contains("(attempt 2)"))
        #expect(text.contains("plan done"))
    }
}
