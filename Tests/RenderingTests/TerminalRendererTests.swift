import InstallModel
import Rendering
import Testing

/// The redrawn terminal view: a function of the events only.
struct TerminalRendererTests {
    @Test func finishedStepsCollapseToOneLineAndTheRegionIsErased() throws {
        let text = FixtureLogs.render(try FixtureLogs.events("parallel"), with: TerminalRenderer(style: TextStyle(colored: false), columns: 100))
        for step in ["apt-packages", "verify-ripgrep", "verify-fd", "verify-bat"] {
            #expect(text.components(separatedBy: "✔ \(step) ").count == 2, "one collapsed line for \(step)")
        }
        #expect(text.contains("\u{1B}[J"), "the live region is redrawn with cursor movement")
        #expect(text.contains("3 running"), "parallel steps are shown together")
    }

    @Test func regionLinesNeverExceedTheWidth() throws {
        let text = FixtureLogs.render(try FixtureLogs.events("done"), with: TerminalRenderer(style: TextStyle(colored: false), columns: 50))
        let frames = text.components(separatedBy: "\u{1B}[J")
        for frame in frames.dropFirst() {
            for line in frame.split(separator: "\n") where line.hasPrefix("    ") {
                #expect(line.count <= 49, "region line too wide: \(line)")
            }
        }
    }

    @Test func failedPlanEndsWithDiagnosisAndRemediations() throws {
        let text = FixtureLogs.render(try FixtureLogs.events("failed"), with: TerminalRenderer(style: TextStyle(colored: false), columns: 100))
        let tail = text.components(separatedBy: "● plan failed").last ?? ""
        #expect(tail.contains("why: package-not-found"))
        #expect(tail.contains("what to do:"))
        #expect(tail.contains("Refresh the apt package index"))
    }

    @Test func spinnerAndElapsedFollowEventTime() {
        let plan = Plan(
            id: PlanID("p-test"), tools: ["x"], profile: SampleProfile.value,
            steps: [Step(id: "s", label: "Step s", action: .postInstall(CommandParameters(argv: ["true"])))])
        let start = Timestamp(microseconds: 1_000_000)
        let events = [
            Event(sequence: 1, time: start, body: .planCreated(plan)),
            Event(sequence: 2, time: start, body: .planStarted),
            Event(sequence: 3, time: start, body: .stepStarted(step: "s", attempt: 1, command: [])),
            Event(sequence: 4, time: start.adding(microseconds: 2_350_000), body: .outputChunk(step: "s", stream: .stdout, data: Array("hello\n".utf8), redacted: false)),
        ]
        let text = FixtureLogs.render(events, with: TerminalRenderer(style: TextStyle(colored: false), columns: 80))
        let lastFrame = text.components(separatedBy: "\u{1B}[J").last ?? ""
        #expect(lastFrame.contains("2.3s"))
        #expect(lastFrame.contains("│ hello"))
        // 2.35 s at 100 ms a frame is frame 23, which is frame 3 of 10.
        #expect(lastFrame.hasPrefix("⠸ s"))
    }
}

/// A profile for hand-built plans.
enum SampleProfile {
    static let value = SystemProfile(
        name: "test", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm",
        arch: "x86_64", initSystem: .none, packageManagers: [.apt], isRoot: true, hasSudo: false,
        inContainer: true, externallyManagedPython: false)
}
