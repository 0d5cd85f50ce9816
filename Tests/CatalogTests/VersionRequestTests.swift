import Catalog
import InstallModel
import Testing

/// Versions Debian's archive offers, as `apt-cache madison` would list them (copied from bookworm's tree entry).
private struct BookwormTree: PackageVersionProbe {
    func availableVersions(manager: PackageManager, package: String) -> [String]? {
        manager == .apt && package == "tree" ? ["2.1.0-1"] : nil
    }
}

private func plan(_ tool: String, on profile: String, method: String? = nil) throws(CatalogError) -> Plan {
    try TestSupport.plan([tool], on: profile, options: ResolveOptions(method: method, packageVersions: BookwormTree()))
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
    let rg = try plan("ripgrep@14", on: "fedora", method: "cargo").steps
    #expect(rg.contains { if case .tool(let p) = $0.action { p.arguments.suffix(2) == ["--version", "14"] } else { false } })
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
    #expect(plan.notes.contains("kubectl: already installed (version unknown), left alone; use --reinstall to install it again"))
}
