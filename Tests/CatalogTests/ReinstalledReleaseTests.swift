import Catalog
import InstallModel
import Testing

/// A release installed again (`--reinstall`, a version asked for) has its post-install commands and its verify run
/// the file its step installed, by full path (trust20 #2): an admin's `/usr/local/bin/x` first on a user's PATH
/// would otherwise run with the recipe's words at low risk, and answer the verify for the new copy.
struct ReinstalledReleaseTests {
    static let recipe = """
        acme:
          description: a release
          binary: acme
          verify: {pattern: '^acme'}
          methods:
            - release:
                repo: acme/acme
                version: 1.2.3
                path: acme
                assets:
                  linux-x86_64: {url: "https://example.invalid/acme-{version}.tar.gz", sha256: \(String(repeating: "a", count: 64))}
              post_install:
                - command: {argv: [acme, init, --force]}
                - command: {argv: [other-tool, acme]}

        """

    /// The first word of the post-install commands and the verify step's command.
    static func commands(_ plan: Plan) -> (post: [String], verify: String?) {
        let post = plan.steps.compactMap { step -> String? in if case .postInstall(let p) = step.action { p.argv.first } else { nil } }
        let verify = plan.steps.lazy.compactMap { if case .verify(let p) = $0.action { p.binary } else { nil } }.first
        return (post, verify)
    }

    @Test(arguments: [("debian-container", "/usr/local/bin/acme"), ("debian-rootless", "~/.local/bin/acme")])
    func aReleaseInstalledAgainIsRunWhereItsStepPutIt(profile: String, installed: String) throws {
        let catalog = try Catalog(recipeFiles: [("recipes/acme.yaml", Self.recipe)])
        let resolver = Resolver(catalog: catalog)
        let present = FixedInstalled(["acme": "acme 0.1"])
        for (tools, reinstall) in [(["acme"], true), (["acme@1.2.3"], false)] {
            let plan = try resolver.resolve(
                tools: tools, profile: TestSupport.profile(profile), planID: PlanID("p-test"),
                options: ResolveOptions(reinstall: reinstall, installedProbe: present))
            let (post, verify) = Self.commands(plan)
            #expect(post == [installed, "other-tool"], "\(tools) on \(profile)")
            #expect(verify == installed, "\(tools) on \(profile)")
        }
        // Installed for the first time, nothing else answers for it: the bare name, as the recipe says.
        let first = try resolver.resolve(tools: ["acme"], profile: TestSupport.profile(profile), planID: PlanID("p-test"))
        #expect(Self.commands(first).post == ["acme", "other-tool"])
        #expect(Self.commands(first).verify == "acme")
    }
}
