import Foundation
import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// Every "earlier output" cursor the server writes, on the page and in each earlier page, is one it takes: a
/// client that follows them, as the page's button does, reaches the log's first line (serve20 #3: a cursor of a
/// whole block, `N.18446744073709551615`, was refused with 400, so nothing before the last window could be seen).
@Suite struct EarlierCursorTests {
    @Test(arguments: [2500, 10000, 40000])
    func followingTheCursorsReachesTheFirstLine(lines: Int) async throws {
        let written = try HandWrittenLog(creator: PlanArchive.creator)
        var generator = SplitMix64(seed: UInt64(lines))
        var number = 1
        while number <= lines {
            let count = 1 + Int(generator.next() % 700)
            let text = (number..<min(number + count, lines + 1)).map { "\($0)\n" }.joined()
            try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array(text.utf8), redacted: false))
            number += count
        }
        try written.close()
        let router = AccessTests.router(home: written.home)
        let base = "/plans/\(written.id.rawValue)"
        let page = try await PlanListCostTests.get(router, base)
        var before = page.components(separatedBy: "data-before=\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) }
        var shown: [Int] = []
        var pages = 0
        while let cursor = before {
            let response = await router.respond(AccessTests.request("\(base)/output?before=\(cursor)", headers: [AccessTests.bearer]))
            #expect(response.status == 200, "?before=\(cursor)")
            guard response.status == 200 else { return }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(try await SplitSecretTests.body(response).utf8)) as? [String: Any])
            let steps = try #require(object["steps"] as? [[String: Any]])
            shown = steps.flatMap { ($0["lines"] as? [[String: Any]] ?? []).compactMap { ($0["html"] as? String).flatMap { Int($0) } } } + shown
            before = object["before"] as? String
            pages += 1
        }
        #expect(lines <= OutputWindow.linesMax || pages > 0, "no earlier output offered for \(lines) lines")
        if pages > 0 { #expect(shown.first == 1, "the pages back end at line \(shown.first ?? -1)") }
    }
}
