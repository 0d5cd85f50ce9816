import Foundation
import InstallModel
import Testing

@testable import Server

/// Every bundle `/fleet` lists opens from its link, whatever its file name holds (spaces, `?`, `#`, `<`,
/// `%`, non-ASCII letters): the link is percent-encoded and the name is looked up among the listed files.
@Suite struct FleetLinkTests {
    @Test(arguments: [UInt64(11), 12])
    func everyListedBundleOpensFromItsLink(seed: UInt64) async throws {
        let recorded = try RecordedPlan.finished(seed: seed, lines: 5)
        let bundles = recorded.home + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("ab z?#<>%&+=;'\"ü.-_")
        var names: Set<String> = ["a b?c#d", "<img src=x onerror=alert(1)>", "100%", "..x", "plain"]
        while names.count < 25 {
            names.insert("h" + String((0..<(1 + Int(generator.next() % 8))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        for name in names { try FileManager.default.copyItem(atPath: recorded.log.path, toPath: bundles + "/" + name + ".evb") }

        let configuration = ServeConfiguration(home: recorded.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let fleet = await router.respond(AccessTests.request("/fleet", headers: [AccessTests.bearer]))
        #expect(fleet.status == 200)
        guard case .bytes(let page) = fleet.body else { Issue.record("the fleet page is not at hand"); return }
        let links = Self.hrefs(String(decoding: page, as: UTF8.self)).filter { $0.hasPrefix("/fleet/") }
        #expect(links.count == names.count)
        for link in links {
            #expect(!link.contains { " ?#<>\"'".contains($0) }, "\(link) is not encoded")
            let response = await router.respond(AccessTests.request(link, headers: [AccessTests.bearer]))
            #expect(response.status == 200, "\(link)")
        }
    }

    /// serve20 #4: `web1.evb` beside `web1.evlog` are two rows, and each row's link opens its own file (the failed
    /// plan in one of them was out of reach).
    @Test func aBundleBesideALogOfTheSameHostOpensFromItsOwnLink() async throws {
        let done = try RecordedPlan.finished(seed: 21, lines: 3)
        let other = try RecordedPlan(seed: 22)
        try other.recordOutput(lines: 7)
        let bundles = done.home + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: done.log.path, toPath: bundles + "/web1.evlog")
        try FileManager.default.copyItem(atPath: other.log.path, toPath: bundles + "/web1.evb")
        let configuration = ServeConfiguration(home: done.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        let fleet = await router.respond(AccessTests.request("/fleet", headers: [AccessTests.bearer]))
        guard case .bytes(let page) = fleet.body else { Issue.record("the fleet page is not at hand"); return }
        let links = Set(Self.hrefs(String(decoding: page, as: UTF8.self)).filter { $0.hasPrefix("/fleet/") && !$0.dropFirst(7).contains("/") })
        #expect(links == ["/fleet/web1", "/fleet/web1.evb"], "\(links)")
        // The two files hold different runs of one plan: each link shows its own.
        var pages: [String] = []
        for link in ["/fleet/web1", "/fleet/web1.evb"] {
            let response = await router.respond(AccessTests.request(link, headers: [AccessTests.bearer]))
            guard case .bytes(let body) = response.body else { Issue.record("\(link): no page"); continue }
            #expect(response.status == 200, "\(link)")
            pages.append(String(decoding: body, as: UTF8.self).replacingOccurrences(of: "web1.evb", with: "web1"))
        }
        #expect(pages.count == 2 && pages[0] != pages[1], "both links show the same file")
    }

    /// The `href` values of a page, HTML entities undone as a browser undoes them.
    static func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }.map {
            $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
