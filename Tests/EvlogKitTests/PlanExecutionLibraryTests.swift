import Catalog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Testing

/// The library runs a plan without the command line: plain settings in, an outcome out, the host key
/// from the source the caller gives.
@Suite(.serialized) struct PlanExecutionLibraryTests {
    /// A simulated plan for ripgrep, resolved through the library.
    static func plan(seed: UInt64) throws -> Plan {
        try PlanIdentity.resolve(
            tools: ["ripgrep"], catalog: try Catalog.bundled(), profileName: "debian-container", reinstall: false,
            simulation: Simulation(fixtureSet: "default", seed: seed))
    }

    /// `--yes --json` as plain settings, in a fresh home.
    static func settings(hostKey: HostKeySource) -> ExecutionSettings {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlogkit-\(UUID().uuidString)").path
        return ExecutionSettings(home: home, output: OutputStyle(json: true, useColor: false), yes: true, hostKey: hostKey)
    }

    @Test(arguments: [UInt64(7), 1 << 40, .max])
    func aSimulatedPlanRunsToItsEndUnderTheIdItsSeedGives(seed: UInt64) async throws {
        let plan = try Self.plan(seed: seed)
        let settings = Self.settings(hostKey: HostKeySource { nil })
        defer { try? FileManager.default.removeItem(atPath: settings.home) }
        let outcome = try #require(try await PlanLaunch.start(plan, settings: settings, dryRun: false, doing: "installing"))
        #expect(plan.id == PlanIdentity.planID(seed: seed))
        #expect(outcome.status == .done)
        #expect(outcome.logPath == PlanArchive(home: settings.home).logPath(for: plan.id))
        #expect(FileManager.default.fileExists(atPath: outcome.logPath))
    }

    @Test func aHostKeySourceThatFailsRefusesTheRunBeforeItsLogExists() async throws {
        struct BrokenKey: Error {}
        let plan = try Self.plan(seed: 11)
        let settings = Self.settings(hostKey: HostKeySource { throw BrokenKey() })
        defer { try? FileManager.default.removeItem(atPath: settings.home) }
        await #expect(throws: BrokenKey.self) {
            _ = try await PlanLaunch.start(plan, settings: settings, dryRun: false, doing: "installing")
        }
        #expect(!FileManager.default.fileExists(atPath: PlanArchive(home: settings.home).logPath(for: plan.id)))
    }
}
