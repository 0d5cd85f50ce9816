import Foundation
import InstallModel
import Testing

@testable import Server

/// Every plan `/` lists opens from its link, whatever its file's name holds (`h#1`, `q?x=1`, `..`, `~..`,
/// `%2e%2e`), and a log named for another plan than its header's is listed and shown as what it holds, with
/// the CLI's words (serve10 #7).
@Suite struct PlanListLinkTests {
    @Test(arguments: [UInt64(41), 42])
    func everyListedPlanOpensFromItsLinkAsWhatItHolds(seed: UInt64) async throws {
        let recorded = try RecordedPlan.finished(seed: seed, lines: 5)
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("a1 ?#<>%&+=;'\".~-_")
        var names: Set<String> = ["p-111111111111", "h#1", "q?x=1", "..", ".", "%2e%2e", "a%2fb", "~..", "<b>x"]
        while names.count < 20 {
            names.insert("n" + String((0..<(1 + Int(generator.next() % 6))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }))
        }
        for name in names { try FileManager.default.copyItem(atPath: recorded.log.path, toPath: recorded.home + "/plans/" + name + ".evlog") }
        let router = ReviewTests.router(home: recorded.home)
        let list = await router.respond(AccessTests.request("/", headers: [AccessTests.bearer]))
        guard case .bytes(let page) = list.body else { Issue.record("the list is not at hand"); return }
        let html = String(decoding: page, as: UTF8.self)
        let links = FleetLinkTests.hrefs(html).filter { $0.hasPrefix("/plans/") }
        #expect(links.count == names.count + 1)
        #expect(html.components(separatedBy: "a file named for another plan").count - 1 == names.count)
        for link in links {
            #expect(!link.contains { " ?#<>\"'".contains($0) }, "\(link) is not encoded")
            let response = await router.respond(AccessTests.request(link, headers: [AccessTests.bearer]))
            #expect(response.status == 200, "\(link)")
            guard case .bytes(let body) = response.body else { continue }
            let shown = String(decoding: body, as: UTF8.self)
            // Every copy is shown as the plan its header names, said to be a copy, without a resume button.
            #expect(shown.contains("<h1>Plan <code>\(recorded.id.rawValue)</code>"), "\(link)")
            #expect(shown.contains("id=\"mislabel\"") == (link != "/plans/\(recorded.id.rawValue)"), "\(link)")
        }
    }
}
