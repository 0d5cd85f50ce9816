import Foundation
import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// `/` over many plans (serve18 #4: 3,000 plans were folded for every answer, and the page asked every 2 s
/// without waiting): a page lists the newest `rowsMax` and links to older ones; a log is folded once and its
/// row kept until its file changes, so polling costs no fold while nothing changes and one per log written.
@Suite struct PlanListCostTests {
    /// A home of `count` plans: copies of one recorded log, each named for a plan of its own and dated apart.
    static func home(plans count: Int) throws -> (recorded: RecordedPlan, paths: [String]) {
        let recorded = try RecordedPlan(seed: 44)
        try recorded.recordOutput(lines: 3)
        try recorded.finish()
        let source = recorded.log.path
        var paths: [String] = []
        for number in 0..<count {
            let path = recorded.home + "/plans/" + String(format: "p-%012x.evlog", number + 1)
            try FileManager.default.copyItem(atPath: source, toPath: path)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(number))], ofItemAtPath: path)
            paths.append(path)
        }
        try FileManager.default.removeItem(atPath: source)
        return (recorded, paths)
    }

    static func get(_ router: Router, _ target: String) async throws -> String {
        let response = await router.respond(AccessTests.request(target, headers: [AccessTests.bearer]))
        #expect(response.status == 200, "\(target)")
        return try await SplitSecretTests.body(response)
    }

    static func shownPlans(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"/plans/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func aListOfManyPlansIsPagedAndFoldsEachLogOnceUntilItChanges() async throws {
        let count = 2 * PlanListPage.rowsMax + 37
        let (recorded, paths) = try Self.home(plans: count)
        let router = AccessTests.router(home: recorded.home)
        let newest = paths.reversed().map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }

        let first = try await Self.get(router, "/")
        #expect(Self.shownPlans(first) == Array(newest.prefix(PlanListPage.rowsMax)))
        #expect(first.contains("href=\"/?page=2\""))
        // Only the page's logs were read, and the next one (older plans follow).
        #expect(router.planRows.foldsMade == PlanListPage.rowsMax + 1)
        let last = try await Self.get(router, "/?page=3")
        #expect(Self.shownPlans(last) == Array(newest.suffix(37)))
        #expect(!last.contains("older plans"))
        #expect(router.planRows.foldsMade == count)

        // Polling the rows again reads nothing while no log changes.
        for _ in 0..<3 { _ = try await Self.get(router, "/?rows=1&page=1") }
        _ = try await Self.get(router, "/api/plans")
        #expect(router.planRows.foldsMade == count)

        // A log changed in place, its size and time put back, is read again; the others are not.
        var generator = SplitMix64(seed: 44)
        let changed = paths[Int(generator.next() % UInt64(count))]
        let date = try FileManager.default.attributesOfItem(atPath: changed)[.modificationDate] as! Date
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: changed))
        try handle.seek(toOffset: 200)
        try handle.write(contentsOf: Data([0x55]))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: changed)
        _ = try await Self.get(router, "/api/plans")
        #expect(router.planRows.foldsMade == count + 1)
    }

    @Test func aPageNumberThatIsNoNumberIsRefused() async throws {
        let (recorded, _) = try Self.home(plans: 1)
        let router = AccessTests.router(home: recorded.home)
        for page in ["0", "-1", "x", "1.5", ""] {
            let response = await router.respond(AccessTests.request("/?page=\(page)", headers: [AccessTests.bearer]))
            #expect(response.status == 400, "?page=\(page)")
        }
    }
}
