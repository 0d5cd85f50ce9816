import Catalog
import InstallModel
import Testing

@Test func removalUndoesEachMethodItsOwnWay() throws {
    let records = [
        InstallRecord(tool: "jq", how: .packages(.apt, ["jq"]), source: "plan p-1"),
        InstallRecord(tool: "black", how: .language(.pipx, "black"), source: "system"),
        InstallRecord(tool: "k9s", how: .file("~/.local/bin/k9s"), source: "plan p-2"),
    ]
    let plan = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
        .removal(records, catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    let argv = plan.steps.compactMap { step -> [String]? in
        guard step.id.rawValue.hasPrefix("remove-"), case .postInstall(let p) = step.action else { return nil }
        return p.argv
    }
    #expect(argv == [["apt-get", "remove", "-y", "-o", "DPkg::Lock::Timeout=600", "jq"], ["pipx", "uninstall", "black"], ["sh", "-c", "rm -f \"$HOME\"/'.local/bin/k9s'"]])
    #expect(plan.step(StepID("remove-jq"))?.lock == .apt && plan.step(StepID("remove-jq"))?.needsRoot == true)
    #expect(plan.step(StepID("check-jq-removed"))?.dependsOn == [StepID("remove-jq")])
    _ = try PlanGraph(steps: plan.steps)
}

@Test func upgradeUsesTheInstallersOwnUpgradeAndExplainsTheRest() {
    let records = [
        InstallRecord(tool: "black", how: .language(.pipx, "black"), source: "system"),
        InstallRecord(tool: "k9s", how: .file("~/.local/bin/k9s"), source: "plan p-2"),
    ]
    let plan = LifecyclePlanner(profile: TestSupport.profile("debian-container")).upgrade(records, planID: PlanID("p-up"))
    #expect(plan.tools == ["black"])
    #expect(plan.notes.contains { $0.hasPrefix("k9s:") && $0.contains("--reinstall") })
}

@Test func versionPinsAreStrippedFromRecordedPackageNames() {
    #expect(InstallKind.packageName("tree=2.1.0-1") == "tree")
    #expect(InstallKind.packageName("git-lfs") == "git-lfs")
}
