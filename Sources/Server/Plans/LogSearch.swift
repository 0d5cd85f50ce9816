import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Search over a plan's whole output, with no cap: every chunk of every step is read (streaming, one
/// block in memory) and the matches are paged, `pageSize` at a time. The output is searched as recorded
/// (already redacted), a chunk at a time (`StepSearch`): only a line that holds the needle, or one that must
/// be drawn first (`\r` overwrites, escapes), is cut out, and the latter is matched as drawn against the
/// part of it that is kept (its last `StepLines.partialBytesMax` bytes), so a match early in a 100 MB
/// line is found and a line without a match costs nothing of its own.
enum LogSearch {
    static let pageSize = 100
    /// The last page a search is asked for: a larger `page=` (up to `Int.max`) is that page, never an overflow of
    /// `page * pageSize` that would stop the server (serve10 #4).
    static let pagesMax = 1_000_000

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
        // No line holds a newline.
        guard !needle.isEmpty, !needle.contains("\n") else { return ([], false) }
        let asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
        let skip = page * pageSize
        var seen = 0
        var matches: [Match] = []
        var searches: [StepID: StepSearch] = [:]
        let events = try log.events()
        func consider(_ line: StepLines.Line, _ verdict: StepSearch.Verdict, step: StepID, sequence: UInt64) -> Bool {
            guard verdict == .found || String(decoding: TerminalLine.render(line.bytes, keepColor: false), as: UTF8.self).lowercased().contains(needle)
            else { return true }
            seen += 1
            guard seen > skip else { return true }
            guard matches.count < pageSize else { return false }
            matches.append(Match(step: step, sequence: sequence, html: OutputHTML.line(line, raw: raw(step))))
            return true
        }
        for event in events {
            if stopped() { throw CancellationError() }
            guard case .outputChunk(let step, _, let data, _) = event.body else { continue }
            let candidates = searches[step, default: StepSearch(needle: asciiNeedle)].feed(data)
            for (line, verdict) in candidates where !consider(line, verdict, step: step, sequence: event.sequence) {
                return (matches, true)
            }
        }
        for (step, search) in searches {
            guard let (line, verdict) = search.unfinished else { continue }
            if !consider(line, verdict, step: step, sequence: 0) { return (matches, true) }
        }
        return (matches, false)
    }

    static func html(_ result: (matches: [Match], more: Bool), query: String, page: Int, base: String, plan: String, fleet: Bool) -> String {
        let q = HTMLText.escape(TerminalLine.shown(query))
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
