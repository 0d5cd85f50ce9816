import Catalog
import InstallModel
import Testing

@Test func bundledCatalogLoadsAtLeastSixtyRecipes() {
    #expect(TestSupport.catalog.toolNames.count >= 60)
}

@Test func everyAcceptanceToolHasARecipe() {
    for tool in TestSupport.acceptanceTools {
        #expect(TestSupport.catalog.recipe(named: tool) != nil, "missing recipe for \(tool)")
    }
}

@Test func aliasesFindTheirRecipe() {
    #expect(TestSupport.catalog.recipe(named: "rg")?.name == "ripgrep")
    #expect(TestSupport.catalog.recipe(named: "nvim")?.name == "neovim")
    #expect(TestSupport.catalog.recipe(named: "psql")?.name == "postgresql-client")
}

@Test func debianRenamedBinariesAreRecorded() throws {
    let plan = try TestSupport.plan(["fd", "bat"], on: "debian-container")
    let binaries = plan.steps.compactMap { step -> String? in
        if case .verify(let parameters) = step.action { return parameters.binary }
        return nil
    }
    #expect(binaries == ["fdfind", "batcat"])
}

@Test func unknownToolSuggestsCloseNames() {
    #expect(TestSupport.catalog.suggestions(for: "ripgrp") == ["ripgrep"])
    #expect(TestSupport.catalog.suggestions(for: "kubect").contains("kubectl"))
    #expect(TestSupport.catalog.suggestions(for: "zzzzzzzz").isEmpty)
}

@Test func resolvingAnUnknownToolThrowsWithSuggestions() {
    #expect(throws: CatalogError.unknownTool("terrafrom", suggestions: ["terraform"])) {
        try TestSupport.plan(["terrafrom"], on: "fedora")
    }
}

@Test func namedProfilesAreTheFourteenPromisedThenTheVariants() {
    let expected = [
        "ubuntu-desktop", "ubuntu-server", "debian-container", "debian-rootless", "fedora", "rhel", "centos-stream",
        "alpine", "alpine-rootless", "arch", "manjaro", "opensuse", "macos-intel", "macos-arm",
        "debian-arm64", "ubuntu-arm64", "raspberry-pi-os", "wsl2-ubuntu", "rocky-9", "alma-9", "debian-bullseye",
        "ubuntu-jammy",
    ]
    #expect(NamedProfiles.names == expected)
    // `evlog profile --list` prints names that scripts can take as plain words.
    #expect(NamedProfiles.names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } })
}

@Test func rockyAndAlmaUseWhatRecipesSayForRHEL() throws {
    for profile in ["rocky-9", "alma-9"] {
        let plan = try TestSupport.plan(["htop"], on: profile)
        #expect(plan.steps.contains { $0.id == StepID("repo-epel") }, "\(profile): htop comes from EPEL as on RHEL")
    }
}

@Test func rootlessProfilesCannotBecomeRoot() {
    for name in TestSupport.rootlessProfiles {
        let profile = TestSupport.profile(name)
        #expect(!profile.isRoot && !profile.hasSudo && profile.inContainer)
    }
}

@Test func pep668FollowsTheReleases() {
    let managed = NamedProfiles.all.filter(\.externallyManagedPython).map(\.name)
    #expect(!managed.contains("fedora") && !managed.contains("rhel") && !managed.contains("opensuse"))
    #expect(managed.contains("debian-container") && managed.contains("ubuntu-server") && managed.contains("alpine"))
}

@Test func profileLoadsByNameOrFile() throws {
    #expect(try SystemProfile.load(nameOrPath: "macos-arm").arch == "aarch64")
    #expect(throws: CatalogError.self) { try SystemProfile.load(nameOrPath: "no-such-profile") }
}
