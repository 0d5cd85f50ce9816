import EvlogKit
import Foundation
import InstallModel
import Testing

@testable import Server

/// serve20 #4: `web1.evb` beside `web1.evlog` is one host with two files. `/fleet` and `export --fleet-html` of the
/// directory count hosts alike (`FleetCensus`): "Fleet: 2 hosts", every heading "of 2 hosts", the older file of web1 a
/// row of its own that links to it, counted nowhere (both said "of 3 hosts", two of them "web1").
@Suite struct FleetHostCountTests {
    @Test func twoFilesOfOneHostAreOneHostOnBothFleetPages() async throws {
        let done = try RecordedPlan.finished(seed: 31, lines: 3)
        let unfinished = try RecordedPlan(seed: 32)
        try unfinished.recordOutput(lines: 7)
        let bundles = done.home + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        // Both plans were made at the same time (`RecordedPlan.Clock`): the file name decides, `web1.evlog` after `web1.evb`.
        try FileManager.default.copyItem(atPath: unfinished.log.path, toPath: bundles + "/web1.evb")
        try FileManager.default.copyItem(atPath: done.log.path, toPath: bundles + "/web1.evlog")
        try FileManager.default.copyItem(atPath: done.log.path, toPath: bundles + "/web2.evb")
        let (router, _) = FleetFilesTests.fleet(done)
        let (status, served) = try await FleetFilesTests.page(router, "/fleet")
        #expect(status == 200)
        let exported = try FleetExport.page(directory: bundles)
        for page in [served, exported] {
            #expect(page.contains("<h1>Fleet: 2 hosts</h1>"), "\(page)")
            #expect(page.contains("3 of 3 bundles · 2 done · 0 failed · 0 other · 0 not verified · 1 older file of a host, not counted</p>"), "\(page)")
            #expect(page.contains("<h2>Done (2 of 2 hosts)</h2>"))
            #expect(page.contains("<li>tool: installed on 2 of 2 hosts</li>"), "\(page)")
            #expect(page.contains("<h2>Older files (1, counted nowhere"))
        }
        #expect(Self.counts(served) == Self.counts(exported))
        // Each file is a row linking to its own page, the bundle beside a log by its whole name.
        let links = Set(FleetLinkTests.hrefs(served).filter { $0.hasPrefix("/fleet/") })
        #expect(links == ["/fleet/web1", "/fleet/web1.evb", "/fleet/web2"], "\(links)")
    }

    /// The page's counting lines: its headings, its summary lines and its tool lines.
    static func counts(_ page: String) -> [String] {
        page.split(separator: "\n").map(String.init).filter { $0.hasPrefix("<h1>") || $0.hasPrefix("<h2>") || $0.hasPrefix("<p class=\"meta\">") || $0.hasPrefix("<li>") }
    }
}
