import Catalog
import EventLog
import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Testing

/// A log another home created — continued here with `resume FILE --key`, its earlier steps done on that host — is
/// not this machine's install history: `uninstall`, `upgrade` and `outdated` never act on what it says was added
/// (integrity10 finding 19: uninstall planned to purge packages the foreign log claimed). The same log created by
/// this home, or by an evlog from before homes named themselves, is.
struct OtherHomesLogTests {
    @Test func aLogAnotherHomeCreatedIsNoInstallHere() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-otherhome-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let archive = PlanArchive(home: home)
        try FileManager.default.createDirectory(atPath: archive.plansDirectory, withIntermediateDirectories: true)
        let here = try HomeIdentity(archive: archive).make()
        var options = ResolveOptions(reinstall: true)
        options.installedProbe = NothingInstalled()
        for (id, creator, counted) in [("p-000000000001", PlanArchive.creator(home: String(repeating: "cd", count: 16)), false),
                                       ("p-000000000002", PlanArchive.creator(home: here), true), ("p-000000000003", PlanArchive.creator, true)] {
            let plan = try Resolver(catalog: try Catalog.bundled()).resolve(tools: ["tree"], profile: InstallRecordPlansTests.profile, planID: PlanID(id), options: options)
            let writer = try LogWriter.open(path: archive.logPath(for: PlanID(id)), label: id, creator: creator, createdAtMicros: 1)
            for event in InstallRecordPlansTests.events(plan, at: 1) { try writer.append(try EventPayload.encode(event)) }
            try writer.close()
            let ids = InstallHistory.plans(home: home).compactMap { $0.plan?.id.rawValue }
            #expect(ids.contains(id) == counted, "\(creator): \(ids)")
            try FileManager.default.removeItem(atPath: archive.logPath(for: PlanID(id)))
        }
    }
}
