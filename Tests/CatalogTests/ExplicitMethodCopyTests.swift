import Catalog
import InstallModel
import Testing

/// Answers which method put each copy of a command here from a fixed table (binary → copies).
private struct FixedCopies: InstalledCopiesProbe {
    var copies: [String: [InstalledCopy]]
    func copies(of recipe: Recipe) -> [InstalledCopy] { Resolver.binaries(of: recipe).flatMap { copies[$0] ?? [] } }
}

/// The archive offers jq 1.6 only (bookworm's).
private struct OnlyJq16: PackageVersionProbe {
    func availableVersions(manager: PackageManager, package: String) -> [String]? { package == "jq" ? ["1.6-2.1+deb12u3"] : nil }
}

/// `install --method M X` with X already here: only a copy M installed counts as installed. A copy by another
/// method (apt's for `--method pipx`) gets M's copy installed beside it, as brew or mise would, and the plan says
/// what is here and how to remove the new copy again.
struct ExplicitMethodCopyTests {
    /// Every catalog tool that both apt and pipx install on Debian.
    static let tools: [Recipe] = TestSupport.catalog.recipes.values.filter { recipe in
        ["apt", "pipx"].allSatisfy { method in
            (try? TestSupport.plan([recipe.name], on: "debian-container", options: ResolveOptions(method: method))) != nil
        }
    }.sorted { $0.name < $1.name }

    static func plan(_ recipe: Recipe, copy: InstallKind, at path: String, method: String?) throws(CatalogError) -> Plan {
        // A copy that prints nothing is "version unknown"; one printing what the verify pattern does not read is another program.
        let version = ""
        var options = ResolveOptions(installedProbe: FixedInstalled([recipe.binary: version, path: version]), method: method)
        options.installedCopies = FixedCopies(copies: [recipe.binary: [InstalledCopy(path: path, how: copy)]])
        return try TestSupport.plan([recipe.name], on: "debian-container", options: options)
    }

    static func installsBy(_ plan: Plan, _ tool: String) -> String? {
        plan.steps.lazy.compactMap { step -> String? in
            switch step.action {
            case .tool(let p) where step.tool == tool: p.installer?.rawValue
            case .packages(let p) where step.tool == tool || p.packages.contains(where: { InstallKind.packageName($0) == tool }): p.manager.rawValue
            default: nil
            }
        }.first
    }

    /// The command the plan's verify step of `tool` runs.
    static func verified(_ plan: Plan, _ tool: String) -> String? {
        plan.steps.lazy.compactMap { if case .verify(let p) = $0.action, $0.tool == tool { p.binary } else { nil } }.first
    }

    /// A version request over the tool's own pipx copy names the version it replaces before consent (truth11 F4).
    @Test func aVersionRequestNamesTheCopyItReplaces() throws {
        let recipe = try #require(TestSupport.catalog.recipe(named: "yamllint"))
        let pipxPath = "/root/.local/bin/yamllint"
        var options = ResolveOptions(installedProbe: FixedInstalled(["yamllint": "yamllint 1.35.1", pipxPath: "yamllint 1.35.1"]), method: "pipx")
        options.installedCopies = FixedCopies(copies: ["yamllint": [InstalledCopy(path: pipxPath, how: .language(.pipx, "yamllint"))]])
        let plan = try TestSupport.plan([recipe.name + "@1.33"], on: "debian-container", options: options)
        #expect(plan.notes.contains("yamllint: replaces the installed yamllint (yamllint 1.35.1) with the version asked for, 1.33"), "\(plan.notes)")
        // A copy that printed nothing is said to be of unknown version, never "()" (truth22 #6).
        options.installedProbe = FixedInstalled(["yamllint": "", pipxPath: ""])
        let unknown = try TestSupport.plan([recipe.name + "@1.33"], on: "debian-container", options: options)
        #expect(unknown.notes.contains("yamllint: replaces the installed yamllint (version unknown) with the version asked for, 1.33"), "\(unknown.notes)")
    }

    @Test func thereAreToolsWithBothMethods() { #expect(Self.tools.count >= 5) }

    @Test(arguments: tools)
    func onlyTheAskedMethodsOwnCopyCountsAsInstalled(recipe: Recipe) throws {
        let apt = InstallKind.packages(.apt, [recipe.name])
        let pipx = InstallKind.language(.pipx, recipe.name)
        // apt's copy here, pipx asked for: pipx's copy is planned, and the plan says why.
        let second = try Self.plan(recipe, copy: apt, at: "/usr/bin/\(recipe.binary)", method: "pipx")
        #expect(Self.installsBy(second, recipe.name) == "pipx", "\(recipe.name): \(second.steps.map(\.id))")
        #expect(second.notes.contains { $0.contains("/usr/bin/\(recipe.binary) (apt package") && $0.contains("but not by pipx") && $0.contains("uninstall --method pipx") })
        // Its verify step runs pipx's copy, not apt's that is first on PATH (truth11 F13); a first copy runs by name.
        let named = recipe.verify.command?.first ?? recipe.binary
        #expect(Self.verified(second, recipe.name) == (named == recipe.binary ? "~/.local/bin/\(recipe.binary)" : named), "\(recipe.name)")
        let first = try TestSupport.plan([recipe.name], on: "debian-container", options: ResolveOptions(method: "pipx"))
        #expect(Self.verified(first, recipe.name) == named, "\(recipe.name)")
        // pipx's copy here, pipx asked for: already installed.
        let same = try Self.plan(recipe, copy: pipx, at: "/root/.local/bin/\(recipe.binary)", method: "pipx")
        #expect(same.steps.isEmpty && same.notes.contains { $0.contains("already installed") }, "\(recipe.name)")
        // apt asked for, pipx's copy here: apt's copy is planned.
        let aptCopy = try Self.plan(recipe, copy: pipx, at: "/root/.local/bin/\(recipe.binary)", method: "apt")
        #expect(Self.installsBy(aptCopy, recipe.name) == "apt", "\(recipe.name): \(aptCopy.steps.map(\.id))")
        // No method asked for: any copy is the tool installed, as before.
        let any = try Self.plan(recipe, copy: apt, at: "/usr/bin/\(recipe.binary)", method: nil)
        #expect(any.steps.isEmpty, "\(recipe.name)")
    }

    /// truth12 F13: `--reinstall X` (no `--method`) whose chosen method is not the one the copy here came by installs a
    /// second copy beside it: the plan says so as `--method` does, and its verify runs the new copy; reinstalling by the
    /// copy's own method says nothing of the kind.
    @Test(arguments: tools)
    func aReinstallByAnotherMethodSaysItInstallsASecondCopy(recipe: Recipe) throws {
        let copies = [(InstallKind.packages(.apt, [recipe.name]), "/usr/bin/\(recipe.binary)"), (.language(.pipx, recipe.name), "/root/.local/bin/\(recipe.binary)")]
        for (copy, path) in copies {
            // A copy that prints nothing is "version unknown"; one printing what the verify pattern does not read is another program.
        let version = ""
            var options = ResolveOptions(reinstall: true, installedProbe: FixedInstalled([recipe.binary: version, path: version]))
            options.installedCopies = FixedCopies(copies: [recipe.binary: [InstalledCopy(path: path, how: copy)]])
            let plan = try TestSupport.plan([recipe.name], on: "debian-container", options: options)
            let by = try #require(Self.installsBy(plan, recipe.name), "\(recipe.name): \(plan.steps.map(\.id))")
            let says = plan.notes.contains { $0.contains("\(path) (\(copy)), but not by \(by): --reinstall installs \(by)'s copy beside it") }
            #expect(says == !copy.isMethod(by), "\(recipe.name) over \(copy) by \(by): \(plan.notes)")
            let named = recipe.verify.command?.first ?? recipe.binary
            if says, by == "pipx", named == recipe.binary {
                #expect(Self.verified(plan, recipe.name) == "~/.local/bin/\(recipe.binary)", "\(recipe.name)")
            }
        }
    }

    /// truth12 F10: `jq@1.7` over the user's apt jq 1.6, with no apt jq 1.7 to have, falls back to a release: the plan
    /// says that is a second copy beside apt's.
    @Test func aVersionRequestFallingBackToAReleaseSaysItIsASecondCopy() throws {
        var options = ResolveOptions(installedProbe: FixedInstalled(["jq": "jq-1.6", "/usr/bin/jq": "jq-1.6"]), packageVersions: OnlyJq16())
        options.installedCopies = FixedCopies(copies: ["jq": [InstalledCopy(path: "/usr/bin/jq", how: .packages(.apt, ["jq"]))]])
        let plan = try TestSupport.plan(["jq@1.7"], on: "debian-container", options: options)
        try #require(plan.steps.contains { if case .githubRelease = $0.action { true } else { false } }, "\(plan.notes)")
        #expect(plan.notes.contains("jq: installed here as /usr/bin/jq (apt package jq), but not by release: the version asked for installs "
            + "release's copy beside it; the one first on PATH runs, and `evlog uninstall --method release jq` removes it again"), "\(plan.notes)")
    }

    @Test func aCopyNoKnownMethodPutThereIsNotTheAskedMethods() throws {
        let recipe = try #require(TestSupport.catalog.recipe(named: "yamllint"))
        var options = ResolveOptions(installedProbe: FixedInstalled(["yamllint": "yamllint 1.29.0"]), method: "pipx")
        options.installedCopies = FixedCopies(copies: ["yamllint": [InstalledCopy(path: "/root/.pyenv/shims/yamllint", how: nil)]])
        let plan = try TestSupport.plan([recipe.name], on: "debian-container", options: options)
        #expect(Self.installsBy(plan, "yamllint") == "pipx")
        #expect(plan.notes.contains { $0.contains("/root/.pyenv/shims/yamllint (not installed by a method evlog knows), but not by pipx") })
    }

    /// `--method pipx yamllint@1.33` asks pipx's copy for its version, not apt's that is first on PATH.
    @Test(arguments: [("1.29.0", "1.33.0", false), ("1.33.0", "1.29.0", true)])
    func aVersionRequestIsCheckedAgainstTheAskedMethodsCopy(apt: String, pipx: String, installs: Bool) throws {
        let (aptPath, pipxPath) = ("/usr/bin/yamllint", "/root/.local/bin/yamllint")
        var options = ResolveOptions(
            installedProbe: FixedInstalled(["yamllint": "yamllint \(apt)", aptPath: "yamllint \(apt)", pipxPath: "yamllint \(pipx)"]),
            method: "pipx")
        options.installedCopies = FixedCopies(copies: ["yamllint": [
            InstalledCopy(path: aptPath, how: .packages(.apt, ["yamllint"])), InstalledCopy(path: pipxPath, how: .language(.pipx, "yamllint")),
        ]])
        let plan = try TestSupport.plan(["yamllint@1.33"], on: "debian-container", options: options)
        #expect((Self.installsBy(plan, "yamllint") == "pipx") == installs, "\(plan.notes)")
    }
}
