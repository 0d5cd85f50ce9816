import Foundation
import InstallModel
import Testing

@Suite struct PlanTests {
    @Test func riskSummaryCountsEveryLevelAndTakesTheHighest() {
        let plan = Fixtures.plan([
            Fixtures.command("low"), Fixtures.packages("root"),
            Step(id: "reboot", label: "reboot", action: .notification(NotificationParameters(message: "reboot")), restartRequired: .system),
            Step(id: "kernel", label: "kernel module", action: .postInstall(CommandParameters(argv: ["modprobe", "x"])), risk: .critical),
        ])
        let summary = plan.riskSummary
        #expect(summary.level == .critical)
        #expect(summary.counts == [.low: 1, .medium: 1, .high: 1, .critical: 1])
        #expect(plan.confirmationGate == ["reboot", "kernel"])
        #expect(Fixtures.plan([Fixtures.command("a")]).riskSummary.counts == [.low: 1, .medium: 0, .high: 0, .critical: 0])
        #expect(Fixtures.plan([]).riskSummary.level == .low)
    }

    @Test func stepDefaultsComeFromItsKind() {
        #expect(Fixtures.packages("git").idempotent)
        #expect(!Fixtures.pipTool("httpie").idempotent)
        #expect(!Fixtures.command("x").idempotent)
        #expect(Step(id: "x", label: "x", action: .postInstall(CommandParameters(argv: ["true"])), idempotent: true).idempotent)
        #expect(Fixtures.packages("git").risk == .medium)
        #expect(Fixtures.command("x").risk == .low)
        #expect(Step(id: "x", label: "x", action: .verify(VerifyParameters(binary: "x")), restartRequired: .system).risk == .high)
    }

    @Test func systemPackageStepsHoldTheirManagersLockAndOthersHoldNone() {
        #expect(Fixtures.packages("git", .apt).lock == .apt)
        #expect(Fixtures.packages("git", .yum).lock == .dnf)
        #expect(Fixtures.packages("git", .brew).lock == .brew)
        #expect(Fixtures.packages("requests", .pip).lock == nil)
        #expect(Step(id: "t", label: "t", action: .tool(ToolParameters(installer: .cargo, package: "rg"))).lock == nil)
        #expect(PackageManager.yum.lockDomain == .dnf)
        #expect(PackageManager.dnf.lockDomain == .dnf)
        #expect(PackageManager.allCases.filter(\.isSystem) == [.apt, .dnf, .yum, .zypper, .apk, .pacman, .brew, .snap])
    }

    @Test func onlyOutputAndCommandEndsRideGroupCommit() {
        for event in EventSamples.all {
            switch event.body {
            case .outputChunk, .commandFinished:
                #expect(!event.body.isStateTransition)
            default:
                #expect(event.body.isStateTransition, "\(event.body.typeName)")
            }
        }
    }

    @Test func theStepAnEventIsAboutIsWrittenAsItsStepField() throws {
        for event in EventSamples.all {
            let object = try JSONSerialization.jsonObject(with: EventJSON.encode(event)) as? [String: Any]
            #expect(object?["step"] as? String == event.stepID?.rawValue, "\(event.body.typeName)")
        }
    }
}
