import Diagnosis
import Foundation
import InstallModel
import Testing

@testable import Server

/// Text shown beside a plan's output — the failure's evidence, an echoed search term — is neutralised
/// as output is: an OSC's payload (a hyperlink's target, a clipboard write) never shows, bidirectional
/// controls are dropped, and nothing is written as a Swift escape (`\u{202e}`).
@Suite struct EchoedTextTests {
    /// Output lines that hide what they do: an OSC 8 link, an OSC 52 clipboard write (BEL or ST ended),
    /// bidi overrides and isolates, a C1 CSI; each an error line, so the analyser keeps it as evidence.
    static func hostileLines(_ generator: inout SplitMix64) -> [(line: String, shown: String, hidden: [String])] {
        let bidi = ["\u{202e}", "\u{202c}", "\u{2066}", "\u{2069}", "\u{200f}"]
        return (0..<6).map { index in
            let word = "w\(generator.next() % 1000)"
            let mark = bidi[Int(generator.next() % UInt64(bidi.count))]
            let end = generator.next() % 2 == 0 ? "\u{07}" : "\u{1b}\\"
            switch index % 3 {
            case 0: return ("error: \u{1b}]8;;javascript:alert(\(index))\(end)\(word)\u{1b}]8;;\(end) failed", "error: \(word) failed", ["javascript", "8;;"])
            case 1: return ("error: \u{1b}]52;c;aGVsbG8=\(end)clip \(word)", "error: clip \(word)", ["52;c", "aGVsbG8"])
            default: return ("error: abc\(mark)evil\(mark)def \(word)", "error: abcevildef \(word)", [mark])
            }
        }
    }

    /// A log written before evidence was cleaned this way holds the bidi controls and OSC remnants in its
    /// evidence as recorded: the page still shows none of them.
    @Test func evidenceAsAnOlderLogHoldsItIsShownAsOutputIs() async throws {
        let recorded = try RecordedPlan(seed: 83)
        let evidence = ["error: abc\u{202e}evil\u{202c}def", "error: \u{1b}]8;;javascript:alert(1)\u{07}click\u{1b}]8;;\u{07} here", "\u{2066}isolated\u{2069} text"]
        try recorded.recorder.record(.stepFailed(step: recorded.step, cause: FailureCause(exitCode: 1, message: "exited with 1"), durationMicros: 5))
        try recorded.recorder.record(.failureAnalysed(step: recorded.step, diagnosis: Diagnosis(kind: .unknown, confidence: 0, evidence: evidence)))
        try recorded.recorder.record(.planFailed(reason: "install-tool failed"))
        try recorded.recorder.close()
        let router = AccessTests.router(home: recorded.home)
        let page = try await SplitSecretTests.body(await router.respond(AccessTests.request("/plans/\(recorded.id.rawValue)", headers: [AccessTests.bearer])))
        for shown in ["error: abcevildef", "error: click here", "isolated text"] { #expect(page.contains(shown), "\(shown)") }
        #expect(!page.contains("\\u{") && !page.contains("javascript") && !page.contains("\u{202e}") && !page.contains("\u{2066}"))
    }

    @Test(arguments: [UInt64(81), 82])
    func evidenceAndSearchTermsAreShownAsOutputIs(seed: UInt64) async throws {
        var generator = SplitMix64(seed: seed)
        let lines = Self.hostileLines(&generator)
        let output = lines.map(\.line).joined(separator: "\n") + "\n"
        let diagnosis = Analyser.analyse(output: output, exitCode: 1, context: AnalysisContext(command: ["tool"]), catalog: try RuleCatalog.bundled())
        #expect(!diagnosis.evidence.isEmpty)
        let recorded = try RecordedPlan(seed: seed)
        try recorded.recorder.record(.outputChunk(step: recorded.step, stream: .stderr, data: Array(output.utf8), redacted: false))
        try recorded.recorder.record(.stepFailed(step: recorded.step, cause: FailureCause(exitCode: 1, message: "exited with 1"), durationMicros: 5))
        try recorded.recorder.record(.failureAnalysed(step: recorded.step, diagnosis: diagnosis))
        try recorded.recorder.record(.planFailed(reason: "install-tool failed"))
        try recorded.recorder.close()
        let router = AccessTests.router(home: recorded.home)
        let page = try await SplitSecretTests.body(await router.respond(AccessTests.request("/plans/\(recorded.id.rawValue)", headers: [AccessTests.bearer])))
        let evidence = try #require(page.components(separatedBy: "<pre class=\"evidence\">").dropFirst().first?.components(separatedBy: "</pre>").first)
        for line in lines where diagnosis.evidence.contains(where: { $0.contains(line.shown.suffix(8)) }) {
            #expect(evidence.contains(line.shown), "evidence \(evidence.debugDescription) lacks \(line.shown.debugDescription)")
        }
        for line in lines {
            for hidden in line.hidden { #expect(!page.contains(hidden), "the page shows \(hidden.debugDescription)") }
        }
        #expect(!page.contains("\\u{"))
        // The search term is echoed the same way.
        for mark in ["%E2%80%AE", "%E2%81%A6", "%1B%5D8%3B%3Bjavascript%3Ax%07"] {
            let search = try await SplitSecretTests.body(await router.respond(AccessTests.request("/plans/\(recorded.id.rawValue)/search?q=abc\(mark)def", headers: [AccessTests.bearer])))
            #expect(search.contains("value=\"abcdef\""), "\(mark): \(search.prefix(600))")
            #expect(!search.contains("\\u{") && !search.contains("\u{202e}") && !search.contains("javascript"))
        }
        // A token typed into the search box is not drawn back in clear (serve18 #3).
        let token = "ghp_" + String(repeating: "Z9x", count: 12)
        let searched = try await SplitSecretTests.body(await router.respond(AccessTests.request("/plans/\(recorded.id.rawValue)/search?q=\(token)", headers: [AccessTests.bearer])))
        #expect(!searched.contains(token), "\(searched.prefix(600))")
    }
}
