import Catalog
import Foundation
import InstallModel
import Testing

/// Issue 28's planning rules: a version request replaces what is installed and is checked; a package manager of
/// another system is used only when asked; an install plan carries the overlay recipes its tools came from.
struct LifecycleTruthTests {
    // MARK: version requests

    @Test func aPipxVersionRequestForcesTheInstallAndTheVerifyChecksThatVersion() throws {
        let plan = try TestSupport.plan(["yamllint@1.33"], on: "debian-container", options: ResolveOptions(method: "pipx"))
        let install = plan.steps.compactMap { step -> ToolParameters? in if case .tool(let p) = step.action { p } else { nil } }.first
        #expect(install?.package == "yamllint==1.33.*")
        #expect(install?.arguments.contains("--force") == true, "pipx refuses a second install without --force: \(String(describing: install))")
        guard case .verify(let verify)? = plan.step("verify-yamllint")?.action else {
            Issue.record("no verify step: \(plan.steps.map(\.id))")
            return
        }
        #expect(verify.requestedVersion == "1.33")
    }

    @Test func withoutARequestNothingIsForcedOrChecked() throws {
        let plan = try TestSupport.plan(["yamllint"], on: "debian-container", options: ResolveOptions(method: "pipx"))
        #expect(!plan.steps.contains { if case .tool(let p) = $0.action { p.arguments.contains("--force") } else { false } })
        guard case .verify(let verify)? = plan.step("verify-yamllint")?.action else { return }
        #expect(verify.requestedVersion == nil)
    }

    // MARK: managers by system

    /// Every named profile, with every other system's package manager also installed: no packages step of
    /// any tool uses a foreign manager unless `--method` names it or the profile allows it.
    @Test(arguments: NamedProfiles.all.map(\.name))
    func aForeignManagerThatIsMerelyInstalledIsNeverChosen(profileName: String) throws {
        var profile = TestSupport.profile(profileName)
        let foreign = PackageManager.allCases.filter { profile.isForeign($0) }
        try #require(!foreign.isEmpty, "every named profile is of a family evlog knows")
        // The foreign managers first: presence and order alone must not choose them.
        profile.packageManagers = foreign + profile.packageManagers
        var random = SplitMix64(seed: StableHash.fnv1a(profileName))
        let tools = (0..<40).map { _ in TestSupport.catalog.toolNames[Int(random.next() % UInt64(TestSupport.catalog.toolNames.count))] }
        for tool in tools {
            guard let plan = try? Resolver(catalog: TestSupport.catalog).resolve(tools: [tool], profile: profile, planID: PlanID("p-test"))
            else { continue }
            let used = plan.steps.compactMap { step -> PackageManager? in if case .packages(let p) = step.action { p.manager } else { nil } }
            #expect(used.allSatisfy { !profile.isForeign($0) }, "\(tool) on \(profileName) uses \(used)")
        }
    }

    @Test func aForeignManagerIsUsedWhenAskedForOrAllowedByTheProfile() throws {
        var profile = TestSupport.profile("debian-container")
        profile.packageManagers = [.pacman, .apt]
        let asked = try Resolver(catalog: TestSupport.catalog).resolve(
            tools: ["ripgrep"], profile: profile, planID: PlanID("p-test"), options: ResolveOptions(method: "pacman"))
        #expect(asked.step("pacman-packages") != nil, "\(asked.steps.map(\.id))")
        let plain = try Resolver(catalog: TestSupport.catalog).resolve(tools: ["ripgrep"], profile: profile, planID: PlanID("p-test"))
        #expect(plain.step("apt-packages") != nil && plain.step("pacman-packages") == nil, "\(plain.steps.map(\.id))")
        profile.packageManagers = [.pacman]
        profile.foreignManagers = [.pacman]
        let allowed = try Resolver(catalog: TestSupport.catalog).resolve(tools: ["ripgrep"], profile: profile, planID: PlanID("p-test"))
        #expect(allowed.step("pacman-packages") != nil, "\(allowed.steps.map(\.id))")
    }

    // MARK: the recipe in the log

    private let acme = """
        evlog-acme:
          description: demo tool shipped as a release archive
          binary: evlog-acme
          verify: {pattern: 'evlog-acme [0-9.]+'}
          methods:
            - release:
                repo: acme/evlog-acme
                version: 1.2.3
                checksum: {file: "https://example.invalid/v{version}/checksums.txt"}
                path: evlog-acme-{version}/evlog-acme
                assets:
                  linux-x86_64: "https://example.invalid/v{version}/evlog-acme-{version}-linux-x86_64.tar.gz"

        """

    @Test func anInstallPlanRecordsItsOverlayRecipesAndTheyLoadWithoutTheOverlay() throws {
        let directory = NSTemporaryDirectory() + "evlog-recorded-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory + "/recipes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(acme.utf8).write(to: URL(fileURLWithPath: directory + "/recipes/acme.yaml"))
        let catalog = try TestSupport.catalog.overlaid(by: directory)
        let plan = try Resolver(catalog: catalog).resolve(
            tools: ["evlog-acme", "jq"], profile: TestSupport.profile("debian-container"), planID: PlanID("p-test"))
        #expect(plan.recipeFiles == [RecordedRecipeFile(file: directory + "/recipes/acme.yaml", text: acme)])
        let builtIn = try TestSupport.plan(["jq"], on: "debian-container")
        #expect(builtIn.recipeFiles == nil, "a plan of built-in recipes records none")
        // Laid again on the built-in catalog (no overlay directory needed), the recipe is what it was.
        try FileManager.default.removeItem(atPath: directory)
        let (again, skipped) = TestSupport.catalog.overlaid(byRecorded: plan.recipeFiles ?? [])
        #expect(skipped.isEmpty)
        #expect(again.recipe(named: "evlog-acme") == catalog.recipe(named: "evlog-acme"))
        // A recorded file that is not a recipe is left out and named, never a crash.
        let (_, broken) = TestSupport.catalog.overlaid(byRecorded: [RecordedRecipeFile(file: "x/recipes/bad.yaml", text: "- [")])
        #expect(broken.count == 1 && broken[0].hasPrefix("x/recipes/bad.yaml"), "\(broken)")
    }

    /// trust16 #5: a file a plan used for one tool may hold recipes of others; laid again, only the recipes of the
    /// tools that plan installed come from it — another tool's recipe there never decides its upgrade.
    @Test func onlyThePlansOwnToolsAreLaidFromItsRecordedFiles() throws {
        let other = acme.replacingOccurrences(of: "evlog-acme", with: "evlog-acme-b").replacingOccurrences(of: "1.2.3", with: "9.9.9")
        let file = RecordedRecipeFile(file: "o1/recipes/a.yaml", text: acme + "\n" + other)
        let (both, _) = TestSupport.catalog.overlaid(byRecorded: [file])
        #expect(both.recipe(named: "evlog-acme-b") != nil)
        let (kept, skipped) = TestSupport.catalog.overlaid(byRecorded: [file], keeping: ["evlog-acme"])
        #expect(skipped.isEmpty)
        #expect(kept.recipe(named: "evlog-acme") == both.recipe(named: "evlog-acme"))
        #expect(kept.recipe(named: "evlog-acme-b") == nil)
    }
}
