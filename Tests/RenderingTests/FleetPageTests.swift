import InstallModel
import Rendering
import Testing

@Suite struct FleetPageTests {
    static func host(_ name: String, _ status: String, kind: String? = nil) -> FleetHost {
        FleetHost(
            name: name, plan: "p-\(name)", status: status, tools: ["ripgrep"], failureKind: kind, failedStep: kind.map { _ in "apt-packages" },
            seal: "sealed by ed25519:00", report: name + ".html")
    }

    @Test func failedHostsAreGroupedByKindMostHostsFirstThenTheDoneOnes() {
        let page = FleetPage.html([
            Self.host("web1", "done"), Self.host("db1", "failed", kind: "network"),
            Self.host("web2", "failed", kind: "dpkg-interrupted"), Self.host("web3", "failed", kind: "dpkg-interrupted"),
        ])
        #expect(page.contains("<p class=\"meta\">4 of 4 bundles · 1 done · 3 failed · 0 other · 0 not verified</p>"))
        #expect(page.contains("keys not checked: no keyring"))
        let dpkg = page.range(of: "<h2>Failed: dpkg-interrupted (2 of 4 hosts)</h2>")
        let network = page.range(of: "<h2>Failed: network (1 of 4 hosts)</h2>")
        let done = page.range(of: "<h2>Done (1 of 4 hosts)</h2>")
        #expect(dpkg != nil && network != nil && done != nil)
        if let dpkg, let network, let done { #expect(dpkg.lowerBound < network.lowerBound && network.lowerBound < done.lowerBound) }
        #expect(page.contains("<a href=\"web2.html\">web2</a>"))
    }

    @Test func hostNamesFromFilesAreEscaped() {
        let page = FleetPage.html([Self.host("<script>x", "done")])
        #expect(!page.contains("<script>x"))
        #expect(page.contains("&lt;script&gt;x"))
    }

    @Test func aFileThatIsNoBundleIsNamedButNotCountedNorLinked() {
        var stranger = Self.host("notes<b>", FleetHost.notEvlog)
        stranger.report = "notes.html"
        let page = FleetPage.html([Self.host("web1", "done"), stranger])
        #expect(page.contains("1 of 2 bundles · 1 done · 0 failed · 0 other"))
        #expect(page.contains("<li>not an evlog bundle: notes&lt;b&gt;</li>"))
        #expect(!page.contains("notes.html"))
    }

    /// Integrity attack round 16, finding 6: a keyring host whose bundle is gone from the directory is a row of its
    /// own, counted as missing (not as a bundle, not as not verified), with no report to link to.
    @Test func aKeyringHostWithoutABundleIsListedAsMissing() {
        var missing = FleetHost(name: "web1", plan: "", status: FleetHost.missing, tools: [], failureKind: nil, failedStep: nil, seal: "",
                                report: "", distrust: "no bundle in this directory, though the keyring has its key (newest seen: plan p-1)")
        missing.keyring = "bundles/keys"
        var web2 = Self.host("web2", "done")
        web2.keyring = "bundles/keys"
        let page = FleetPage.html([web2, missing])
        #expect(page.contains("<h1>Fleet: 2 hosts</h1>"), "\(page)")
        #expect(page.contains("1 of 1 bundles · 1 done · 0 failed · 0 other · 0 not verified · 1 missing</p>"), "\(page)")
        #expect(page.contains("<tr><td>web1</td><td class=\"status missing\">missing</td>"), "\(page)")
        #expect(page.contains("newest seen: plan p-1"))
    }

    /// Every heading says of how many hosts, and every tool a plan names how many hosts it is installed on, out of
    /// all the hosts (files that are no bundle are not hosts), for generated fleets. A host whose bundle is not
    /// verified (integrity13 #3) is listed apart and counted in no heading but its own, nor as having a tool; so is a
    /// host whose plan was simulated or reproduced (integrity20 #6), whatever its status and the tools it claims.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func headingsAndToolsSayNOfMHosts(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        let statuses = ["done", "failed", "running", "interrupted"]
        let kinds = ["network", "dpkg-interrupted", "disk-full"]
        let toolNames = ["kubectl", "jq", "ripgrep", "<b>fd</b>"]
        var files: [FleetHost] = []
        for index in 0..<(1 + Int(generator.next() % 40)) {
            let status = statuses[Int(generator.next() % UInt64(statuses.count))]
            var host = Self.host("h\(index)", status, kind: status == "failed" ? kinds[Int(generator.next() % 3)] : nil)
            host.tools = toolNames.filter { _ in generator.next() % 2 == 0 }
            host.installed = host.tools.filter { _ in status == "done" || generator.next() % 2 == 0 }
            if generator.next() % 4 == 0 { host.distrust = "not this host's key: <i>h\(index)</i>" }
            if generator.next() % 3 == 0 {
                host.simulation = Simulation(fixtureSet: "default", seed: generator.next(), isReproduction: generator.next() % 2 == 0)
                host.installed = host.tools
            }
            host.keyring = "bundles/keys"
            files.append(host)
        }
        for index in 0..<Int(generator.next() % 3) { files.append(Self.host("stranger\(index)", FleetHost.notEvlog)) }
        let hosts = files.filter { $0.status != FleetHost.notEvlog }
        let simulated = hosts.filter { $0.distrust == nil && $0.simulation != nil }
        let trusted = hosts.filter { $0.distrust == nil && $0.simulation == nil }
        let page = FleetPage.html(files)
        let plural = hosts.count == 1 ? "host" : "hosts"
        let distrusted = hosts.filter { $0.distrust != nil }.count
        let counts = "\(trusted.filter { $0.status == "done" }.count) done · \(trusted.filter { $0.status == "failed" }.count) failed · "
            + "\(trusted.filter { $0.status != "done" && $0.status != "failed" }.count) other"
            + (simulated.isEmpty ? "" : " · \(simulated.count) simulated") + " · \(distrusted) not verified</p>"
        #expect(page.contains(counts), "\(page)")
        if simulated.isEmpty {
            #expect(!page.contains("Simulated ("))
        } else {
            #expect(page.contains("<h2>Simulated (\(simulated.count) of \(hosts.count) \(plural)): nothing installed</h2>"))
        }
        for host in hosts where host.simulation != nil {
            let played = host.simulation?.isReproduction == true ? "reproduction" : "simulated"
            #expect(page.contains("<tr><td><a href=\"\(host.report)\">\(host.name)</a></td><td class=\"status \(host.status)\">\(host.status), \(played)</td>"))
        }
        #expect(page.contains("each bundle checked against its host&#39;s key in bundles/keys"))
        if distrusted > 0 { #expect(page.contains("<h2>Not verified (\(distrusted) of \(hosts.count) \(plural))</h2>")) }
        #expect(!page.contains("<i>"), "a reason is escaped")
        for (kind, members) in Dictionary(grouping: trusted.filter { $0.status == "failed" }, by: { $0.failureKind ?? "" }) {
            #expect(page.contains("<h2>Failed: \(kind) (\(members.count) of \(hosts.count) \(plural))</h2>"), "\(kind)")
        }
        #expect(page.contains("<h2>Done (\(trusted.filter { $0.status == "done" }.count) of \(hosts.count) \(plural))</h2>"))
        let unfinished = trusted.filter { $0.status == "running" || $0.status == "interrupted" }.count
        if unfinished > 0 { #expect(page.contains("<h2>Not finished (\(unfinished) of \(hosts.count) \(plural))</h2>")) }
        for tool in Set(hosts.flatMap(\.tools)) {
            let count = trusted.filter { $0.installed.contains(tool) }.count
            #expect(page.contains("<li>\(HTMLText.escape(tool)): installed on \(count) of \(hosts.count) \(plural)</li>"), "\(tool)")
        }
        #expect(!page.contains("<b>fd</b>"), "a tool name is escaped")
    }
}
