import Foundation
import Catalog
import InstallModel
import Testing

private func kinds(_ plan: Plan) -> [String] { plan.steps.map { "\($0.id)" } }

@Test func severalToolsShareOnePackagesStepPerManager() throws {
    let plan = try TestSupport.plan(["ripgrep", "jq", "git"], on: "fedora")
    let packages = plan.steps.filter { $0.kind == .packages }
    #expect(packages.count == 1)
    guard case .packages(let parameters) = packages.first?.action else { return }
    #expect(parameters.manager == .dnf && parameters.packages == ["ripgrep", "jq", "git"] && parameters.refreshIndex)
    #expect(kinds(plan) == ["dnf-packages", "verify-ripgrep", "verify-jq", "verify-git"])
}

@Test func dockerOnUbuntuAddsRepositoryServiceAndGroup() throws {
    let plan = try TestSupport.plan(["docker"], on: "ubuntu-server", options: ResolveOptions(userName: "alice"))
    #expect(
        kinds(plan) == [
            "repo-docker", "apt-packages", "service-docker-enable", "service-docker-start", "group-docker", "verify-docker",
        ])
    guard case .repoSetup(let repo) = plan.steps[0].action else { return }
    #expect(repo.keyURL == "https://download.docker.com/linux/ubuntu/gpg")
    #expect(
        repo.sourceEntry
            == "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu noble stable")
    #expect(plan.steps[1].dependsOn == ["repo-docker"])
    #expect(plan.steps[0].risk == .high && plan.steps[2].risk == .high)
    let group = plan.steps[4]
    #expect(group.restartRequired == .session && group.needsRoot)
    guard case .postInstall(let command) = group.action else { return }
    #expect(command.argv == ["usermod", "-aG", "docker", "alice"])
    #expect(plan.confirmationGate == ["repo-docker", "service-docker-enable", "service-docker-start", "group-docker"])
}

@Test func dockerInARootContainerSkipsServiceAndGroupWithNotes() throws {
    let plan = try TestSupport.plan(["docker"], on: "debian-container")
    #expect(kinds(plan) == ["repo-docker", "apt-packages", "verify-docker"])
    #expect(plan.notes.contains { $0.contains("no service step for docker") })
    #expect(plan.notes.contains { $0.contains("no need to join the docker group") })
}

@Test func unavailableToolNamesWhatIsMissing() {
    do {
        _ = try TestSupport.plan(["docker"], on: "alpine-rootless")
        Issue.record("docker should not resolve without root")
    } catch {
        #expect(error.description.hasPrefix("docker: not available on alpine-rootless: apk: needs root (not root, no sudo)"))
    }
}

@Test func pep668UsesPipxAndNeverPip() throws {
    let plan = try TestSupport.plan(["black"], on: "debian-container")
    #expect(kinds(plan) == ["apt-packages", "pipx-black", "shell-path", "verify-pipx", "verify-black"])
    #expect(plan.notes.contains("black: needs pipx, which is not installed: installing pipx first"))
}

@Test func pipIsUsedForPipxOnlyWithoutPEP668() throws {
    let plan = try TestSupport.plan(["black"], on: "opensuse")
    #expect(kinds(plan).starts(with: ["zypper-packages", "pip-pipx", "pipx-black"]))
    guard case .tool(let pip) = plan.step("pip-pipx")?.action else { return }
    #expect(pip.installer == .pip && pip.arguments == ["--user"])
}

@Test func cargoAuditInstallsCargoFirst() throws {
    let plan = try TestSupport.plan(["cargo-audit"], on: "ubuntu-server")
    #expect(kinds(plan) == ["apt-packages", "cargo-cargo-audit", "shell-path", "verify-cargo", "verify-cargo-audit"])
    #expect(plan.step("cargo-cargo-audit")?.dependsOn == ["apt-packages"])
}

@Test func rootlessProfilesFallBackToUserLevelReleases() throws {
    let plan = try TestSupport.plan(["ripgrep"], on: "debian-rootless")
    #expect(plan.steps.allSatisfy { !$0.needsRoot })
    guard case .githubRelease(let release) = plan.step("release-ripgrep")?.action else {
        Issue.record("expected a release step")
        return
    }
    #expect(release.installDirectory == "~/.local/bin" && release.sha256 == nil)
    #expect(plan.step("release-ripgrep")?.risk == .high)
    #expect(plan.notes.contains { $0.contains("no pinned checksum") })
}

@Test func alpineTakesMuslOrStaticAssetsOnly() throws {
    let neovim = try TestSupport.plan(["neovim"], on: "alpine")
    #expect(neovim.steps.first?.kind == .packages)
    do {
        _ = try TestSupport.plan(["neovim"], on: "alpine-rootless")
        Issue.record("neovim's glibc release must not be used on alpine")
    } catch {
        #expect(error.description.contains("release: only a glibc build, and alpine uses musl"))
    }
}

@Test func tooOldDistributionPackageFallsBack() throws {
    let plan = try TestSupport.plan(["neovim"], on: "debian-container")
    #expect(plan.steps.first?.kind == .githubRelease)
    #expect(plan.notes.contains("neovim: skipped apt: ships 0.7.2, older than the required 0.8"))
}

@Test func scriptsWithoutAPinnedChecksumAreRefused() throws {
    let plan = try TestSupport.plan(["rustup"], on: "debian-rootless")
    #expect(plan.notes.contains("rustup: skipped script: installer checksum not pinned (refused)"))
    #expect(!plan.steps.contains { $0.risk == .critical })
}

@Test func installedToolsGiveAnEmptyPlanThatSaysSo() throws {
    let probe = FixedInstalled(["rg": "ripgrep 14.1.0"])
    let plan = try TestSupport.plan(["ripgrep"], on: "ubuntu-server", options: ResolveOptions(installedProbe: probe))
    #expect(plan.steps.isEmpty)
    #expect(plan.notes.first == "ripgrep: already installed (ripgrep 14.1.0), left alone; use --reinstall to install it again")
    #expect(plan.notes.last == "nothing to do: every requested tool is already installed")
}

@Test func reinstallOverridesInstalledDetection() throws {
    let probe = FixedInstalled(["rg": "ripgrep 14.1.0"])
    let plan = try TestSupport.plan(["ripgrep"], on: "ubuntu-server", options: ResolveOptions(reinstall: true, installedProbe: probe))
    #expect(kinds(plan) == ["apt-packages", "verify-ripgrep"])
}

@Test func installedButTooOldDoesNotCount() throws {
    let probe = FixedInstalled(["nvim": "NVIM v0.7.2"])
    let plan = try TestSupport.plan(["neovim"], on: "ubuntu-server", options: ResolveOptions(installedProbe: probe))
    #expect(!plan.steps.isEmpty)
}

@Test func installedLanguageManagerIsNotInstalledAgain() throws {
    let probe = FixedInstalled(["pipx": "1.4.3"])
    let plan = try TestSupport.plan(["black"], on: "ubuntu-server", options: ResolveOptions(installedProbe: probe))
    #expect(kinds(plan) == ["pipx-black", "shell-path", "verify-black"])
}

@Test func knownPathDirectoriesNeedNoShellEdit() throws {
    let options = ResolveOptions(pathDirectories: ["~/.local/bin", "/usr/bin"])
    let plan = try TestSupport.plan(["black"], on: "ubuntu-server", options: options)
    #expect(plan.step("shell-path") == nil)
}

@Test func kegOnlyBrewFormulaAddsItsBinDirectoryToPath() throws {
    let plan = try TestSupport.plan(["postgresql-client"], on: "macos-arm")
    guard case .shellConfig(let shell) = plan.step("shell-path")?.action else {
        Issue.record("expected a shell-path step")
        return
    }
    #expect(shell.shell == .zsh && shell.pathEntries == ["/opt/homebrew/opt/libpq/bin"])
    #expect(plan.step("brew-packages")?.needsRoot == false)
}

@Test func aliasesAndDuplicatesCollapseToOneTool() throws {
    let plan = try TestSupport.plan(["rg", "ripgrep"], on: "arch")
    #expect(plan.tools == ["ripgrep"])
}

@Test func reportJSONHasTheFourPromisedKeys() throws {
    let plan = try TestSupport.plan(["docker"], on: "fedora")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let object = try JSONSerialization.jsonObject(with: encoder.encode(PlanReport(plan: plan))) as? [String: Any]
    #expect(Set(object?.keys.map { $0 } ?? []) == ["plan", "risk_summary", "confirmation_gate", "notes"])
    let summary = object?["risk_summary"] as? [String: Any]
    #expect(summary?["level"] as? String == "high")
}
