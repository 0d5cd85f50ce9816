import InstallModel
import Rendering
import Testing

/// what-ran, what-failed, critical-path and what-up over the fixture logs.
struct ReadSideReportTests {
    @Test func whatRanListsEveryCommandWithExitCodeAndDuration() throws {
        let history = CommandHistory(RunTimeline(events: try FixtureLogs.events("failed")))
        #expect(history.commands.map { $0.argv.first } == ["dpkg-query", "apt-get", "apt-get"])
        #expect(history.commands.map(\.exitCode) == [1, 0, 100])
        #expect(history.commands.allSatisfy { ($0.durationMicros ?? -1) >= 0 })
        #expect(history.commands[0].commandLine == "dpkg-query -W '-f=${Status}' tree")
    }

    @Test func whatFailedShowsDiagnosisAndLastLines() throws {
        let report = FailureReport(RunTimeline(events: try FixtureLogs.events("failed")))
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.step == "apt-packages")
        #expect(failure.kind == "package-not-found")
        #expect(failure.lastLines.count <= FailureReport.lastLinesMax)
        #expect(failure.lastLines.last?.stream == .stderr)
        #expect(failure.lastLines.last?.text.contains("Unable to locate package tree") == true)
        #expect(!failure.remediations.isEmpty)
        #expect(FailureReport(RunTimeline(events: try FixtureLogs.events("done"))).failures.isEmpty)
    }

    @Test func criticalPathFollowsTheStepThatEndedLast() throws {
        let path = CriticalPath(RunTimeline(events: try FixtureLogs.events("parallel")).state)
        #expect(path.path.map(\.step) == ["apt-packages", "verify-ripgrep"])
        #expect(path.path.allSatisfy { $0.slackMicros == 0 })
        #expect(Set(path.others.map(\.step)) == ["verify-fd", "verify-bat"])
        #expect(path.others.allSatisfy { $0.slackMicros > 0 })
        #expect(path.wallMicros >= path.path.reduce(0) { $0 + $1.durationMicros })
    }

    @Test func whatUpNamesTheStepACrashLeftOpen() throws {
        // The resumed log, cut where the crash left it: before the resume's first event.
        let events = try FixtureLogs.events("resumed")
        let crashEnd = try #require(events.firstIndex { if case .planInterrupted = $0.body { true } else { false } })
        let report = OpenStepsReport(RunTimeline(events: events.prefix(crashEnd)), status: "interrupted")
        #expect(report.open.map(\.step) == ["apt-packages"])
        #expect(report.open.first?.idempotent == true)
        #expect(OpenStepsReport(RunTimeline(events: events), status: "done").open.isEmpty)
    }
}
