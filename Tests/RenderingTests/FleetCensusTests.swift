import InstallModel
import Rendering
import Testing

/// serve20 #4: a fleet directory may hold several files of one host (`web1.evb` beside an older `web1.evlog`). Every
/// count is of hosts: each host is counted once, by the file whose plan was created last; every file is still a row
/// of its own, the others listed as older files, counted nowhere.
@Suite struct FleetCensusTests {
    /// Generated fleets of 1–30 hosts, each with 1–3 files of random statuses and creation times, some of them simulated
    /// (integrity20 #6: a host is counted by a plan that ran there before any simulated for it), listed in a random order.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func everyCountIsOfHostsAndEachHostCountsItsNewestFile(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let statuses = ["done", "failed", "interrupted", "unreadable"]
        var files: [FleetHost] = []
        var newest: [String: FleetHost] = [:]
        for host in 0..<(1 + Int(generator.next() % 30)) {
            let name = "h\(host)"
            for (index, ending) in ["evb", "evlog", "x.evb"].prefix(1 + Int(generator.next() % 3)).enumerated() {
                let status = statuses[Int(generator.next() % UInt64(statuses.count))]
                var file = FleetPageTests.host(name, status, kind: status == "failed" ? "network" : nil)
                file.file = "\(name).\(ending)"
                file.report = file.file + ".html"
                file.plan = "p-\(name)-\(index)"
                // Unique times, so the newest is one file; an unreadable file has no plan, hence no time.
                file.createdMicros = status == "unreadable" ? nil : Int64(generator.next() % 1_000_000) * 10 + Int64(index)
                if status != "unreadable", generator.next() % 3 == 0 { file.simulation = Simulation(fixtureSet: "default", seed: 1) }
                // Some files the keyring does not vouch for (review15 R5): never counted over one it does.
                if generator.next() % 4 == 0 { file.distrust = "unverified: not this host's key" }
                files.append(file)
                if newest[name].map({ Self.rank(file) > Self.rank($0) }) ?? true { newest[name] = file }
            }
        }
        files.shuffle(using: &generator)
        let census = FleetCensus(files)
        #expect(census.hosts.map(\.file).sorted() == newest.values.map(\.file).sorted())
        #expect(census.older.count == files.count - newest.count)
        #expect(census.logCount == files.count && census.fileCount == files.count)

        let page = FleetPage.html(files)
        let total = newest.count
        let plural = total == 1 ? "host" : "hosts"
        #expect(page.contains("<h1>Fleet: \(total) hosts</h1>"), "\(page)")
        let counted = newest.values.filter { $0.simulation == nil && $0.distrust == nil }
        #expect(page.contains("<h2>Done (\(counted.filter { $0.status == "done" }.count) of \(total) \(plural))</h2>"))
        let failed = counted.filter { $0.status == "failed" }.count
        if failed > 0 { #expect(page.contains("<h2>Failed: network (\(failed) of \(total) \(plural))</h2>")) }
        let other = counted.filter { $0.status != "done" && $0.status != "failed" }.count
        if other > 0 { #expect(page.contains("<h2>Not finished (\(other) of \(total) \(plural))</h2>")) }
        let simulated = newest.values.filter { $0.simulation != nil && $0.distrust == nil }.count
        if simulated > 0 { #expect(page.contains("<h2>Simulated (\(simulated) of \(total) \(plural)): nothing installed</h2>"), "\(page)") }
        #expect(page.contains("<li>ripgrep: installed on 0 of \(total) \(plural)</li>"))
        // Every file is a row, linking to its own report; the older ones in their own table.
        for file in files { #expect(page.contains("<a href=\"\(file.report)\">\(file.name)</a>"), "\(file.file) has no row") }
        if census.older.isEmpty {
            #expect(!page.contains("Older files"))
        } else {
            #expect(page.contains("<h2>Older files (\(census.older.count), counted nowhere"))
            #expect(page.contains(" · \(census.older.count) older file\(census.older.count == 1 ? "" : "s") of a host, not counted</p>"))
        }
    }

    /// Which of a host's files is counted, as the test works it out: one the keyring vouches for over one it does not,
    /// one with a plan over one without, a plan that ran over a simulated one, then the later plan, then the later file name.
    static func rank(_ file: FleetHost) -> (Int, Int, Int64, String) {
        (file.distrust == nil ? 1 : 0, file.createdMicros == nil ? 0 : file.simulation == nil ? 2 : 1, file.createdMicros ?? .min, file.file)
    }

    /// The order a directory lists files in does not change which file of a host is counted.
    @Test func equalTimesGoByFileNameWhateverTheOrder() {
        var bundle = FleetPageTests.host("web1", "done")
        bundle.file = "web1.evb"
        bundle.createdMicros = 5
        var log = FleetPageTests.host("web1", "failed", kind: "network")
        log.file = "web1.evlog"
        log.createdMicros = 5
        #expect(FleetCensus([bundle, log]).hosts.map(\.file) == ["web1.evlog"])
        #expect(FleetCensus([log, bundle]).hosts.map(\.file) == ["web1.evlog"])
    }
}
