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
    #expect(argv.count == 3 && argv.dropFirst().elementsEqual([["pipx", "uninstall", "--", "black"], ["rm", "-f", "--", "~/.local/bin/k9s"]]))
    // apt's purge is a constant script (it purges again what dpkg left in `rc`: AptRemovalTests); the name is a parameter.
    let purge = try #require(argv.first)
    #expect(purge.prefix(2) == ["sh", "-c"] && purge[2].hasPrefix(#"apt-get purge -y -o DPkg::Lock::Timeout=600 -- "$@""#) && purge.suffix(2) == ["sh", "jq"])
    #expect(plan.step(StepID("remove-jq"))?.lock == .apt && plan.step(StepID("remove-jq"))?.needsRoot == true)
    #expect(plan.step(StepID("check-jq-removed"))?.dependsOn == [StepID("remove-jq")])
    _ = try PlanGraph(steps: plan.steps)
}

/// The removal check looks where the install put its own command (pipx's, go's, a release file), so the user's
/// copy elsewhere on PATH (Debian's package of the same tool) does not fail it; a system package's command must be
/// gone from PATH. Values are positional parameters, never script text.
@Test func theRemovalCheckLooksWhereTheInstallPutItsCommand() {
    let cases: [(InstallKind, [String])] = [
        (.language(.pipx, "asciinema"), ["sh", "-c", "! { test -e \"$1\" || test -L \"$1\"; }", "sh", "~/.local/bin/asciinema"]),
        (.language(.go, "example.com/tools/asciinema/v2"), ["sh", "-c", "! { test -e \"$1\" || test -L \"$1\"; }", "sh", "~/go/bin/asciinema"]),
        (.file("/usr/local/bin/asciinema"), ["sh", "-c", "! { test -e \"$1\" || test -L \"$1\"; }", "sh", "/usr/local/bin/asciinema"]),
    ]
    let planner = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
    for (how, argv) in cases {
        let plan = planner.removal([InstallRecord(tool: "asciinema", how: how, source: "plan p-1")], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
        guard case .postInstall(let p)? = plan.step(StepID("check-asciinema-removed"))?.action else { Issue.record("no check step"); continue }
        #expect(p.argv == argv, "\(how)")
    }
    // A system package's command must be gone from PATH, and dpkg must hold the package purged (AptRemovalTests).
    let apt = planner.removal([InstallRecord(tool: "asciinema", how: .packages(.apt, ["asciinema"]), source: "plan p-1")], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    guard case .postInstall(let p)? = apt.step(StepID("check-asciinema-removed"))?.action else { Issue.record("no check step"); return }
    #expect(p.argv.prefix(2) == ["sh", "-c"] && p.argv[2].contains("command -v \"$1\"") && p.argv.suffix(3) == ["sh", "asciinema", "asciinema"], "\(p.argv)")
}

/// apt purges what the install added (no `rc` lines stay), unless a package's configuration was the user's before
/// the install: then nothing is purged.
@Test func aptPurgesUnlessTheInstallFoundConfigurationOfItsOwn() {
    let planner = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
    for (kept, verb) in [([] as [String], "purge"), (["libjq1"], "remove"), (["libother"], "purge")] {
        let record = InstallRecord(tool: "jq", how: .packages(.apt, ["jq", "libjq1"]), source: "plan p-1", keepConfig: kept)
        let plan = planner.removal([record], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
        guard case .postInstall(let p)? = plan.step(StepID("remove-jq"))?.action else { Issue.record("no remove-jq"); continue }
        let command = p.argv.first == "sh" ? p.argv[2] : p.argv.joined(separator: " ")
        #expect(command.hasPrefix("apt-get \(verb) -y ") && p.argv.suffix(2) == ["jq", "libjq1"], "\(kept)")
    }
}

/// A tool with an upgrade in place gets its installer's upgrade; one without (a release file) is installed again
/// by the reinstall plan's steps, or left out when there is none.
@Test func upgradeUsesTheInstallersOwnUpgradeAndReinstallsTheRest() throws {
    let records = [
        InstallRecord(tool: "black", how: .language(.pipx, "black"), source: "system"),
        InstallRecord(tool: "k9s", how: .file("~/.local/bin/k9s"), source: "plan p-2"),
    ]
    let planner = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
    let plan = planner.upgrade(records, planID: PlanID("p-up"))
    #expect(plan.tools == ["black"] && plan.steps.map(\.id) == [StepID("upgrade-black")])
    let reinstall = try Resolver(catalog: TestSupport.catalog).resolve(
        tools: ["k9s"], profile: TestSupport.profile("debian-container"), planID: PlanID("p-up"),
        options: ResolveOptions(reinstall: true, method: "release"))
    let both = planner.upgrade(records, reinstall: reinstall, planID: PlanID("p-up"))
    #expect(both.tools == ["black", "k9s"] && both.kind == .upgrade)
    #expect(both.steps.contains { if case .githubRelease = $0.action { $0.tool == "k9s" } else { false } })
    _ = try PlanGraph(steps: both.steps)
}

@Test func versionPinsAreStrippedFromRecordedPackageNames() {
    #expect(InstallKind.packageName("tree=2.1.0-1") == "tree")
    #expect(InstallKind.packageName("git-lfs") == "git-lfs")
}

@Test func removalTakesOutTheRepositoryAndShellBlockOnlyWhenNoKeptToolNeedsThem() throws {
    let docker = RepoSetupParameters(
        manager: .apt, name: "docker", keyURL: "https://download.docker.com/linux/debian/gpg",
        keyringPath: "/etc/apt/keyrings/docker.asc", sourceEntry: "deb [signed-by=/etc/apt/keyrings/docker.asc] x y z",
        sourcePath: "/etc/apt/sources.list.d/docker.list")
    let block = AddedShellBlock(plan: PlanID("p-install"), shell: .bash, pathEntries: ["~/.local/bin"])
    let dockerCE = InstallRecord(tool: "docker", how: .packages(.apt, ["docker-ce"]), source: "plan p-install", repositories: [docker])
    let k9s = InstallRecord(tool: "k9s", how: .file("~/.local/bin/k9s"), source: "plan p-other", shellBlock: block)
    let planner = LifecyclePlanner(profile: TestSupport.profile("debian-container"))

    let alone = planner.removal([dockerCE, k9s], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    let repo = try #require(alone.step(StepID("remove-repo-docker")))
    guard case .cleanup(let cleanup) = repo.action else { Issue.record("remove-repo-docker is \(repo.action)"); return }
    #expect(cleanup.paths == ["/etc/apt/sources.list.d/docker.list", "/etc/apt/keyrings/docker.asc"])
    #expect(repo.backupBefore == cleanup.paths && repo.risk == .high && repo.needsRoot && repo.lock == .apt)
    #expect(repo.dependsOn == [StepID("remove-docker")])
    let shell = try #require(alone.step(StepID("remove-shell-block-p-install")))
    guard case .shellConfig(let undo) = shell.action else { Issue.record("the block step is \(shell.action)"); return }
    #expect(undo.removeBlock == true && undo.blockPlan == PlanID("p-install") && undo.shell == .bash)
    #expect(shell.backupBefore == ["~/.bashrc"] && shell.risk == .high && !shell.needsRoot && shell.dependsOn == [StepID("remove-k9s")])
    _ = try PlanGraph(steps: alone.steps)

    // Another installed tool from the same repository, or living in ~/.local/bin, keeps them.
    let containerd = InstallRecord(tool: "containerd", how: .packages(.apt, ["containerd.io"]), source: "plan p-3", repositories: [docker])
    let black = InstallRecord(tool: "black", how: .language(.pipx, "black"), source: "plan p-4")
    let shared = planner.removal([dockerCE, k9s], keeping: [containerd, black], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    #expect(shared.step(StepID("remove-repo-docker")) == nil && shared.step(StepID("remove-shell-block-p-install")) == nil)
    #expect(shared.notes.contains("the docker repository stays: still used by containerd"))
    #expect(shared.notes.contains { $0 == "the ~/.bashrc block from plan p-install stays: still needed by black" })
}

/// A tool removed outside evlog since (truth11 F8), whatever its method: nothing of it is removed again (its
/// `remove-<tool>` step only checks it is still gone, keeping its manager for the history), and its shell block
/// still goes after that step; a tool still here beside it is removed as always.
@Test(arguments: [InstallKind.language(.pipx, "httpie"), .language(.cargo, "httpie"), .packages(.apt, ["httpie"]), .file("~/.local/bin/http")])
func aToolRemovedOutsideEvlogHasItsRemovalCheckedAndItsBlockRemoved(how: InstallKind) throws {
    let block = AddedShellBlock(plan: PlanID("p-install"), shell: .bash, pathEntries: ["~/.local/bin"])
    let gone = InstallRecord(tool: "httpie", how: how, source: "plan p-install", shellBlock: block)
    let jq = InstallRecord(tool: "jq", how: .packages(.apt, ["jq"]), source: "plan p-1")
    let plan = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
        .removal([gone, jq], gone: ["httpie"], catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    let removal = try #require(plan.step(StepID("remove-httpie")))
    guard case .postInstall(let check) = removal.action else { Issue.record("remove-httpie is \(removal.action)"); return }
    #expect(check.argv.first == "sh" && check.argv.last == LifecyclePlanner.installedCommand(how, binary: "http") ?? "http", "\(check.argv)")
    #expect(!removal.needsRoot && removal.lock?.rawValue == (how.methodName == "file" ? nil : how.methodName))
    #expect(plan.step(StepID("check-httpie-removed")) == nil)
    #expect(plan.step(StepID("remove-shell-block-p-install"))?.dependsOn == [StepID("remove-httpie")])
    #expect(plan.notes.contains { $0.hasPrefix("httpie: \(how) (from plan p-install) was already removed outside evlog") })
    guard case .postInstall(let purge) = plan.step(StepID("remove-jq"))?.action else { Issue.record("no remove-jq"); return }
    #expect(purge.argv.last == "jq" && plan.step(StepID("check-jq-removed")) != nil)
    _ = try PlanGraph(steps: plan.steps)
}

@Test func removalUndoesPPAsAndTapsWithTheirOwnCommands() {
    let ppa = RepoSetupParameters(manager: .apt, name: "deadsnakes", ppa: "deadsnakes/ppa")
    let tap = RepoSetupParameters(manager: .brew, name: "hashicorp/tap")
    let records = [
        InstallRecord(tool: "python3.12", how: .packages(.apt, ["python3.12"]), source: "plan p-1", repositories: [ppa]),
        InstallRecord(tool: "terraform", how: .packages(.brew, ["hashicorp/tap/terraform"]), source: "plan p-2", repositories: [tap]),
    ]
    let plan = LifecyclePlanner(profile: TestSupport.profile("debian-container"))
        .removal(records, catalog: TestSupport.catalog, planID: PlanID("p-remove"))
    let argv = plan.steps.compactMap { step -> [String]? in
        guard step.id.rawValue.hasPrefix("remove-repo-"), case .postInstall(let p) = step.action else { return nil }
        return p.argv
    }
    #expect(argv == [["add-apt-repository", "--remove", "-y", "ppa:deadsnakes/ppa"], ["brew", "untap", "hashicorp/tap"]])
}

/// Install records come from logs, which may be foreign: generated hostile names and paths fail the recipes'
/// grammars (and are not used); the records a real plan leaves pass.
@Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
func recordedInstallsFromALogPassTheRecipesGrammars(seed: UInt64) {
    var generator = SplitMix64(seed: seed)
    let payloads = ["; touch /tmp/x", "$(id)", " --index-url=http://127.0.0.1:9/simple", "\nrm -rf ~", "/../../etc/passwd"]
    let payload = payloads[Int(generator.next() % UInt64(payloads.count))]
    let good: [InstallKind] = [
        .packages(.apt, ["jq", "fd-find"]), .language(.pipx, "black"), .language(.npm, "@angular/cli"),
        .language(.go, "github.com/mikefarah/yq/v4"), .file("~/.local/bin/k9s"), .file("/usr/local/bin/kubectl"),
    ]
    for how in good { #expect(how.problemAsRecorded == nil, "\(how)") }
    let bad: [InstallKind] = [
        .packages(.apt, ["jq" + payload]), .packages(.dnf, ["-rf"]), .language(.pipx, "--index-url=http://127.0.0.1:9/simple"),
        .language(.pipx, "black" + payload),
        .language(.cargo, "ripgrep" + payload), .file("~/.local/bin/k9s" + payload), .file("/etc/passwd"), .file("~/../../etc/" + payload),
    ]
    for how in bad { #expect(how.problemAsRecorded != nil, "\(how) passed") }
    let repository = RepoSetupParameters(
        manager: .apt, name: "docker", keyringPath: "/etc/apt/keyrings/docker.asc", sourcePath: "/etc/apt/sources.list.d/docker.list")
    #expect(repository.problemAsRecorded == nil)
    var hostile = repository
    hostile.sourcePath = "/etc/apt/sources.list.d/../../passwd"
    #expect(hostile.problemAsRecorded != nil)
    hostile = repository
    hostile.keyringPath = "/etc/shadow"
    #expect(hostile.problemAsRecorded != nil)
}
