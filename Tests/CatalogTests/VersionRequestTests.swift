import Catalog
import InstallModel
import Testing

/// Versions Debian's archive offers, as `apt-cache madison` would list them (copied from bookworm's tree entry).
private struct BookwormTree: PackageVersionProbe {
    func availableVersions(manager: PackageManager, package: String) -> [String]? {
        switch (manager, package) {
        case (.apt, "tree"): ["2.1.0-1"]
        case (.apt, "ripgrep"): ["13.0.0-4+b2", "1:12.1.1-1"]
        default: nil
        }
    }
}

private func plan(_ tool: String, on profile: String, method: String? = nil, installed: [String: String] = [:]) throws(CatalogError) -> Plan {
    try TestSupport.plan([tool], on: profile, options: ResolveOptions(
        installedProbe: FixedInstalled(installed), method: method, packageVersions: BookwormTree()))
}

/// A version with a Debian revision names one package version exactly: the archive's version that is typed is
/// pinned (epoch ignored), any other revision is refused before anything runs — installed or not, since a tool
/// never prints its package's revision — and the verify step checks the upstream part the tool prints (truth10
/// F1, F2: `ripgrep@13.0.0-5` installed 13.0.0-4+b2; `tree@2.1.0-2` over tree 2.1.0-1 was "nothing to do";
/// `ripgrep@13.0.0-4+b2` installed it, then its verify failed on `ripgrep 13.0.0`).
@Test(arguments: [[:], ["rg": "ripgrep 13.0.0", "tree": "tree v2.1.0 (c) 1996 - 2022"]])
func aRevisionIsMatchedWhole(installed: [String: String]) throws {
    for (request, pinned, shown) in [("ripgrep@13.0.0-4+b2", "ripgrep=13.0.0-4+b2", "13.0.0"), ("ripgrep@12.1.1-1", "ripgrep=1:12.1.1-1", "12.1.1"),
                                     ("tree@2.1.0-1", "tree=2.1.0-1", "2.1.0")] {
        let steps = try plan(request, on: "debian-container", installed: installed).steps
        #expect(steps.contains { if case .packages(let p) = $0.action { p.packages == [pinned] } else { false } }, "\(request)")
        let verify = steps.compactMap { if case .verify(let p) = $0.action { p } else { nil } }.first
        #expect(verify?.requestedVersion == shown, "\(request): \(String(describing: verify))")
    }
    var random = SplitMix64(seed: 28)
    for _ in 0..<60 {
        let revision = ["-\(random.next() % 9 + 1)", "-4+b\(random.next() % 9)", "-4~x\(random.next() % 9)", "-0ubuntu\(random.next() % 9)", "-4+b2.\(random.next() % 9)"][Int(random.next() % 5)]
        for base in ["ripgrep@13.0.0", "tree@2.1.0"] where !["ripgrep@13.0.0-4+b2", "tree@2.1.0-1"].contains(base + revision) {
            #expect(throws: CatalogError.self, "\(base + revision) with \(installed)") { try plan(base + revision, on: "debian-container", installed: installed) }
        }
    }
}

@Test func anAptVersionTheArchiveHasIsPinnedExactly() throws {
    let steps = try plan("tree@2.1.0", on: "debian-container").steps
    #expect(steps.contains { if case .packages(let p) = $0.action { p.packages == ["tree=2.1.0-1"] } else { false } })
}

@Test func anAptVersionTheArchiveLacksIsRefusedWithTheVersionsItHas() {
    #expect(throws: CatalogError.unavailable(
        tool: "tree", profile: "debian-container", reasons: ["apt: tree 99 is not available (the archive has 2.1.0-1)"])) {
        try plan("tree@99", on: "debian-container")
    }
}

@Test func pipxCargoAndGoRequestsCarryTheVersionToTheInstaller() throws {
    let black = try plan("black@24", on: "debian-container").steps
    #expect(black.contains { if case .tool(let p) = $0.action { p.package == "black==24.*" } else { false } })
    // cargo reads `--version` as a semver requirement: a series is `~14` (a bare `14` is a malformed version to it,
    // truth10 F5); a full version is itself.
    for (request, argument) in [("ripgrep@14", "~14"), ("ripgrep@14.1", "~14.1"), ("ripgrep@14.1.1", "14.1.1")] {
        let rg = try plan(request, on: "fedora", method: "cargo").steps
        #expect(rg.contains { if case .tool(let p) = $0.action { p.arguments.suffix(2) == ["--version", argument] } else { false } }, "\(request)")
    }
}

@Test func kubectlAtAMinorReadsThatMinorsRepository() throws {
    let steps = try plan("kubectl@1.30", on: "ubuntu-server").steps
    let repo = steps.compactMap { if case .repoSetup(let p) = $0.action { p.sourceEntry } else { nil } }.first ?? ""
    #expect(repo.contains("/v1.30/deb/"))
    let current = try plan("kubectl", on: "ubuntu-server").steps
    #expect(current.contains { if case .repoSetup(let p) = $0.action { p.keyURL?.contains("{channel}") == false } else { false } })
}

@Test func aReleaseKeepsItsTestedVersionOrTakesAFullOne() throws {
    #expect(throws: CatalogError.self) { try plan("jq@1.6", on: "debian-container", method: "release") }
    let steps = try plan("jq@1.7.0", on: "debian-container", method: "release").steps
    #expect(steps.contains { if case .githubRelease(let p) = $0.action { p.assetURL.contains("jq-1.7.0/") } else { false } })
}

@Test func methodFlagKeepsOnlyThatMethod() throws {
    let steps = try plan("jq", on: "debian-container", method: "release").steps
    #expect(steps.contains { $0.kind == .githubRelease })
    #expect(throws: CatalogError.self) { try plan("jq", on: "debian-container", method: "cargo") }
}

@Test func aBadVersionIsAUsageError() {
    #expect(throws: CatalogError.badVersionRequest("jq@latest")) { try plan("jq@latest", on: "debian-container") }
}

@Test func renamedDebianCommandsAreExplainedAndLinkedOnRequest() throws {
    let plain = try TestSupport.plan(["fd"], on: "debian-container")
    #expect(plain.notes.contains { $0.contains("installs the command as fdfind") && $0.contains("--link-names") })
    let linked = try TestSupport.plan(["fd"], on: "debian-container", options: ResolveOptions(linkRenamedBinaries: true))
    #expect(linked.step(StepID("link-fd")) != nil)
}

@Test func anInstalledCopyPrintingAnErrorIsNotTakenForAVersion() throws {
    let probe = FixedInstalled(["kubectl": "Error: unknown flag: --version"])
    let plan = try TestSupport.plan(["kubectl"], on: "ubuntu-server", options: ResolveOptions(installedProbe: probe))
    // Nor for the tool installed (truth20 #1): the verify step would fail on it just the same; the plan names it.
    #expect(!plan.notes.contains { $0.hasPrefix("kubectl: already installed") }, "\(plan.notes)")
    #expect(plan.notes.contains { $0.contains("\"Error: unknown flag: --version\" does not match the recipe's verify pattern") }, "\(plan.notes)")
}

/// truth12 F18: a version request of a release names the release it installs once ("chose release 1.7.0 …"), never the
/// catalog's version beside it ("chose release 1.7.1", then "release 1.7.0 instead").
@Test func aReleaseVersionRequestIsTheReleaseItSaysItChose() throws {
    let notes = try plan("jq@1.7.0", on: "debian-container", method: "release").notes
    let chose = notes.filter { $0.hasPrefix("jq: chose ") }
    #expect(chose.count == 1 && chose[0].contains("1.7.0"), "\(notes)")
    #expect(notes.contains { $0.contains("instead of the catalog's") }, "\(notes)")
}

/// truth12 F18: `--method pacman ripgrep` on a system without pacman says so, not "only for pacman, not apt" of a
/// recipe apt packages too.
@Test func aMethodNamingAManagerThisSystemLacksSaysSo() {
    do {
        _ = try plan("ripgrep", on: "debian-container", method: "pacman")
        Issue.record("--method pacman planned on a system without pacman")
    } catch {
        #expect("\(error)".contains("--method pacman asks for pacman, which this system does not have"), "\(error)")
        #expect(!"\(error)".contains("only for pacman"), "\(error)")
    }
}

/// truth20 #6: a tool whose command prints another component's version (ansible prints ansible-core's) cannot have its
/// version request confirmed by its verify step, so the request is refused before anything runs, on every profile and
/// method; without a version the tool plans as before.
@Test(arguments: ["debian-container", "fedora", "macos-arm"])
func aVersionOfAToolThatPrintsAnotherComponentsVersionIsRefused(profile: String) throws {
    for method in [nil, "pipx"] as [String?] {
        for request in ["7.3", "2.14", "9"] {
            do {
                _ = try plan("ansible@" + request, on: profile, method: method)
                Issue.record("ansible@\(request) on \(profile) was planned")
            } catch {
                #expect(error.description.contains("prints the version of ansible-core, not of ansible"), "\(error)")
                #expect(error == .versionNotCheckable(tool: "ansible", request: request, reports: "ansible-core"))
            }
        }
        #expect(try plan("ansible", on: profile, method: method).steps.contains { $0.kind == .verify })
    }
}
