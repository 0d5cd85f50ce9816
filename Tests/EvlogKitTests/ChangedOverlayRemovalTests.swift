import Catalog
import EvlogKit
import Foundation
import InstallModel
import Testing

/// truth20 #3: a tool installed from an overlay whose recipe changed since (`zzyl`: pipx yamllint, now pipx ruff).
/// The uninstall removes what the logged install placed and checks that, never the new recipe's command (the user's
/// own `ruff`): the catalog it plans with has each installed tool's recipe as its install read it, over the overlays.
struct ChangedOverlayRemovalTests {
    static func overlay(package: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-ov-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/recipes", withIntermediateDirectories: true)
        try """
            zzyl:
              description: a linter
              binary: \(package)
              verify: {pattern: '^\(package) \\d+\\.\\d+'}
              methods:
                - pipx: \(package)

            """.write(toFile: directory + "/recipes/x.yaml", atomically: true, encoding: .utf8)
        return directory
    }

    @Test(arguments: [("yamllint", "ruff"), ("ruff", "yamllint"), ("black", "isort")])
    func theRemovalChecksWhatTheLoggedInstallPlaced(then: String, now: String) throws {
        let first = try Self.overlay(package: then)
        let second = try Self.overlay(package: now)
        defer { for directory in [first, second] { try? FileManager.default.removeItem(atPath: directory) } }
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        let plan = try Resolver(catalog: try CatalogOverlays.load([first])).resolve(
            tools: ["zzyl"], profile: InstallRecordPlansTests.profile, planID: PlanID("p-000000000003"), options: options)
        let state = InstallRecordPlansTests.ran(plan, at: 1)
        let current = try CatalogOverlays.load([second], over: CatalogOverlays.laid(over: try Catalog.bundled(), plans: [state]).catalog)
        #expect(current.recipe(named: "zzyl")?.binary == now)
        let asInstalled = CatalogOverlays.laid(over: current, plans: [state]).catalog
        #expect(asInstalled.recipe(named: "zzyl")?.binary == then)
        let record = try #require(InstallHistory(plans: [state], catalog: current).installs(of: "zzyl").first)
        let removal = LifecyclePlanner(profile: InstallRecordPlansTests.profile).removal([record], catalog: asInstalled, planID: PlanID("p-000000000004"))
        let check = try #require(removal.step(StepID("check-zzyl-removed")))
        guard case .postInstall(let command) = check.action else { Issue.record("\(check.action)"); return }
        #expect(command.argv.contains { $0.hasSuffix("/" + then) }, "\(command.argv)")
        #expect(!command.argv.contains { $0.hasSuffix("/" + now) }, "\(command.argv)")
    }
}
