import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Search over a plan's whole output, with no cap: every line of every step is read (streaming, one
/// block in memory) and the matches are paged, `pageSize` at a time. A line is searched as it streams
/// in (`LineMatch`), never built whole, so a match early in a 100 MB line is found; a line that must be
/// drawn first (`\r` overwrites, escapes) or a needle beyond ASCII is matched against the part of the
/// line that is kept (its last `StepLines.partialBytesMax` bytes), as drawn.
enum LogSearch {
    static let pageSize = 100

    struct Match {
        var step: StepID
        var sequence: UInt64
        var html: String
    }

    /// The matches of page `page` (0-based) and whether there are more after it; throws `CancellationError`
    /// as soon as `stopped` says the asker has gone (checked between events). `raw` links a cut line's note.
    static func search(
        _ log: PlanLog, for query: String, page: Int, raw: (StepID) -> String? = { _ in nil }, stopped: () -> Bool = { false }
    ) throws -> (matches: [Match], more: Bool) {
        let needle = query.lowercased()
        let asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
        let skip = page * pageSize
        var seen = 0
        var matches: [Match] = []
        var lines: [StepID: (shown: StepLines, match: LineMatch)] = [:]
        let events = try log.events()
        func consider(_ line: StepLines.Line, streamed: LineMatch.Verdict, step: StepID, sequence: UInt64) -> Bool {
            let found: Bool
            if let asciiNeedle, streamed != .mustBeDrawn {
                found = streamed == .found || asciiNeedle.isEmpty
            } else {
                found = String(decoding: TerminalLine.render(line.bytes, keepColor: false), as: UTF8.self).lowercased().contains(needle)
            }
            guard found else { return true }
            seen += 1
            guard seen > skip else { return true }
            guard matches.count < pageSize else { return false }
            matches.append(Match(step: step, sequence: sequence, html: OutputHTML.line(line, raw: raw(step))))
            return true
        }
        for event in events {
            if stopped() { throw CancellationError() }
            guard case .outputChunk(let step, _, let data, _) = event.body else { continue }
            var state = lines[step] ?? (StepLines(), LineMatch(needle: asciiNeedle ?? []))
            let verdicts = state.match.feed(data)
            let completed = state.shown.feed(data)
            lines[step] = state
            for (line, verdict) in zip(completed, verdicts) where !consider(line, streamed: verdict, step: step, sequence: event.sequence) {
                return (matches, true)
            }
        }
        for (step, rest) in lines where !rest.shown.unfinished.bytes.isEmpty {
            if !consider(rest.shown.unfinished, streamed: rest.match.verdict, step: step, sequence: 0) { return (matches, true) }
        }
        return (matches, false)
    }

    /// Whether `haystack` holds `needle` (lower-case ASCII), ASCII letters compared without case.
    static func containsIgnoringASCIICase(_ haystack: some RandomAccessCollection<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        var start = haystack.startIndex
        let lastStart = haystack.index(haystack.endIndex, offsetBy: -needle.count)
        while start <= lastStart {
            if lower(haystack[start]) == first {
                var index = 1
                while index < needle.count, lower(haystack[haystack.index(start, offsetBy: index)]) == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
            start = haystack.index(after: start)
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
