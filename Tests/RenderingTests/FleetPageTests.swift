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
        #expect(page.contains("<p class=\"meta\">4 of 4 bundles · 1 done · 3 failed · 0 other</p>"))
        let dpkg = page.range(of: "<h2>Failed: dpkg-interrupted (2)</h2>")
        let network = page.range(of: "<h2>Failed: network (1)</h2>")
        let done = page.range(of: "<h2>Done (1)</h2>")
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
}
