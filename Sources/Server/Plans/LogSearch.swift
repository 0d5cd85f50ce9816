import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Search over a plan's whole output, with no cap: every line of every step is read (streaming, one
/// block in memory) and the matches are paged, `pageSize` at a time.
enum LogSearch {
    static let pageSize = 100

    struct Match {
        var step: StepID
        var sequence: UInt64
        var html: String
    }

    /// The matches of page `page` (0-based) and whether there are more after it; throws `CancellationError`
    /// as soon as `stopped` says the asker has gone (checked between events).
    static func search(_ log: PlanLog, foreign: Bool, for query: String, page: Int, stopped: () -> Bool = { false }) throws -> (matches: [Match], more: Bool) {
        let needle = query.lowercased()
        let skip = page * pageSize
        var seen = 0
        var matches: [Match] = []
        var lines: [StepID: StepLines] = [:]
        let events = try log.events()
        var shown = ShownEvents(foreign: foreign)
        let asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
        func consider(_ raw: [UInt8], step: StepID, sequence: UInt64) -> Bool {
            // Plain ASCII-searchable lines (no `\r`, escape or backspace) are searched as bytes; the rest as drawn.
            let plainAsIs = raw.withUnsafeBytes { !TerminalLine.needsRendering($0) }
            if let asciiNeedle, plainAsIs {
                guard containsIgnoringASCIICase(raw, asciiNeedle) else { return true }
            } else {
                let plain = String(decoding: TerminalLine.render(raw, keepColor: false), as: UTF8.self)
                guard plain.lowercased().contains(needle) else { return true }
            }
            seen += 1
            guard seen > skip else { return true }
            guard matches.count < pageSize else { return false }
            matches.append(Match(step: step, sequence: sequence, html: OutputHTML.line(raw)))
            return true
        }
        for event in events {
            if stopped() { throw CancellationError() }
            guard case .outputChunk(let step, _, let data, _) = shown.shown(event).body else { continue }
            for line in lines[step, default: StepLines()].feed(data) where !consider(line, step: step, sequence: event.sequence) {
                return (matches, true)
            }
        }
        for (step, rest) in lines where !rest.partial.isEmpty {
            if !consider(rest.partial, step: step, sequence: 0) { return (matches, true) }
        }
        return (matches, false)
    }

    /// Whether `haystack` holds `needle` (lower-case ASCII), ASCII letters compared without case.
    static func containsIgnoringASCIICase(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where lower(haystack[start]) == first {
            var index = 1
            while index < needle.count, lower(haystack[start + index]) == needle[index] { index += 1 }
            if index == needle.count { return true }
        }
        return false
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    static func html(_ result: (matches: [Match], more: Bool), query: String, page: Int, base: String, plan: String, fleet: Bool) -> String {
        let q = HTMLText.escape(query)
        var body = "<h1>Search <code>\(HTMLText.escape(plan))</code></h1>\n"
        body += "<form action=\"\(base)/search\" method=\"get\"><input name=\"q\" value=\"\(q)\" size=\"40\"> <button>search</button></form>\n"
        let first = page * pageSize
        body += "<p class=\"meta\">\(result.matches.isEmpty ? "no matches" : "matches \(first + 1)–\(first + result.matches.count)") for “\(q)” in the whole log · <a href=\"\(base)\">back to the plan</a></p>\n<pre class=\"out\">"
        for match in result.matches {
            body += "<span class=\"l\"><span class=\"fg8\">\(HTMLText.escape(match.step.rawValue)) #\(match.sequence)</span>  \(match.html)</span>"
        }
        body += "</pre>\n<p>"
        let encoded = PercentEncoding.encode(query)
        if page > 0 { body += "<a href=\"\(base)/search?q=\(encoded)&page=\(page - 1)\">← previous</a> " }
        if result.more { body += "<a href=\"\(base)/search?q=\(encoded)&page=\(page + 1)\">next →</a>" }
        body += "</p>\n"
        return PageLayout.page(title: "evlog search", body: body, fleet: fleet)
    }
}
