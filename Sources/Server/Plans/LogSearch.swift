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

    /// One line that holds the query: its step, its event and its place among that event's lines (the plan
    /// page's permalink `#e<sequence>.<index>`), drawn.
    struct Match {
        var step: StepID
        var sequence: UInt64
        var index: Int
        var html: String
    }

    /// A page of matches: `more` when matches follow it; `total`, the matches in the whole log when it was read to
    /// its end (a page past the last says how many there are).
    struct Result {
        var matches: [Match]
        var more: Bool
        var total: Int? = nil
    }

    /// The matches of page `page` (from 1, as the URL's `?page=` and the page's words count; a page past
    /// the last, however large, is empty and says how many matches there are: serve10 #4, serve14 #1); throws `CancellationError` as soon as `stopped` says the asker has
    /// gone (checked between events). `raw` links a cut line's note.
    static func search(
        _ log: PlanLog, for query: String, page: UInt64, raw: (StepID) -> String? = { _ in nil }, stopped: () -> Bool = { false }
    ) throws -> Result {
        let needle = query.lowercased()
        // No line holds a newline.
        guard !needle.isEmpty, !needle.contains("\n") else { return Result(matches: [], more: false, total: 0) }
        let asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
        let skip = Self.matchesBefore(page)
        var seen = 0
        var matches: [Match] = []
        var searches: [StepID: StepSearch] = [:]
        // Each step's last chunk: its event holds the step's unfinished line at the log's end.
        var lastChunk: [StepID: (sequence: UInt64, data: [UInt8])] = [:]
        let events = try log.events()
        func consider(_ candidate: StepSearch.Candidate, step: StepID, sequence: UInt64) -> Bool {
            let line = candidate.line
            guard candidate.verdict == .found || String(decoding: TerminalLine.render(line.bytes, keepColor: false), as: UTF8.self).lowercased().contains(needle)
            else { return true }
            seen += 1
            guard UInt64(seen) > skip else { return true }
            guard matches.count < pageSize else { return false }
            matches.append(Match(step: step, sequence: sequence, index: candidate.index, html: html(candidate, raw: raw(step))))
            return true
        }
        for event in events {
            if stopped() { throw CancellationError() }
            guard case .outputChunk(let step, _, let data, _) = event.body else { continue }
            let candidates = searches[step, default: StepSearch(needle: asciiNeedle)].feed(data)
            lastChunk[step] = (event.sequence, data)
            for candidate in candidates where !consider(candidate, step: step, sequence: event.sequence) {
                return Result(matches: matches, more: true)
            }
        }
        for (step, search) in searches.sorted(by: { lastChunk[$0.key]!.sequence < lastChunk[$1.key]!.sequence }) {
            guard var candidate = search.unfinished, let last = lastChunk[step] else { continue }
            // After the lines its event completes.
            candidate.index = last.data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            if !consider(candidate, step: step, sequence: last.sequence) { return Result(matches: matches, more: true) }
        }
        return Result(matches: matches, more: false, total: seen)
    }

    /// The matches on the pages before `page` (from 1); past `UInt64.max` is `UInt64.max`, never an overflow.
    private static func matchesBefore(_ page: UInt64) -> UInt64 {
        let (skip, overflow) = (max(page, 1) - 1).multipliedReportingOverflow(by: UInt64(pageSize))
        return overflow ? .max : skip
    }

    /// A matching line drawn: its kept end (`StepLines`), or, when its first match lies before that end (a line
    /// over `StepLines.partialBytesMax`), the bytes around the match between notes of how much of the line
    /// comes before and after them (serve10 #15: the line's end alone did not hold the match).
    private static func html(_ candidate: StepSearch.Candidate, raw: String?) -> String {
        let line = candidate.line
        guard let excerpt = candidate.excerpt, excerpt.match < line.cut else { return OutputHTML.line(line, raw: raw) }
        let after = line.cut + line.bytes.count - excerpt.offset - excerpt.bytes.count
        // No note of "0 bytes earlier" for a window at the line's start (serve14 #4), nor of 0 bytes later.
        let earlier = excerpt.offset > 0 ? "<span class=\"cut\" data-bytes=\"\(excerpt.offset)\">… \(excerpt.offset) bytes earlier on this line</span> " : ""
        let notes = [after > 0 ? "… \(after) bytes later on this line" : nil, raw.map { "<a href=\"\(HTMLText.escape($0))\">raw download</a>" }].compactMap { $0 }
        let later = notes.isEmpty ? "" : " <span class=\"cut\">\(notes.joined(separator: " · "))</span>"
        return earlier + OutputHTML.line(excerpt.bytes) + later
    }

    /// The page of `result`, page `page` (from 1) of the matches of `query`.
    /// The query is shown (and carried in the pager's links) through the secret policy, as every echo of a request is:
    /// a token pasted into the box is not drawn back in clear (serve18 #3); the log holds none to find anyway.
    static func html(_ result: Result, query typed: String, page: UInt64, base: String, plan: String, fleet: Bool) -> String {
        let query = SecretPolicy().redact(typed)
        let q = HTMLText.escape(TerminalLine.shown(query))
        var body = "<h1>Search <code>\(HTMLText.escape(plan))</code></h1>\n"
        body += "<form action=\"\(base)/search\" method=\"get\"><input name=\"q\" value=\"\(q)\" size=\"40\"> <button>search</button></form>\n"
        let first = matchesBefore(page)
        let encoded = PercentEncoding.encode(query)
        let found: String
        if !result.matches.isEmpty {
            found = "matches \(first + 1)–\(first + UInt64(result.matches.count)) for “\(q)” in the whole log"
        } else if let total = result.total, total > 0 {
            // A page past the last: how many there are, and where the last page is.
            let last = (total - 1) / pageSize + 1
            found = "no matches on page \(page): “\(q)” has \(total) matches in the whole log, on pages 1–\(last) · <a href=\"\(base)/search?q=\(encoded)&page=\(last)\">the last page</a>"
        } else {
            found = "no matches for “\(q)” in the whole log"
        }
        body += "<p class=\"meta\">\(found) · <a href=\"\(base)\">back to the plan</a></p>\n<pre class=\"out\">"
        for match in result.matches {
            // The hit opens the plan page at its line, however early in the log (`?at=S.L`).
            let line = "e\(match.sequence).\(match.index)"
            body += "<span class=\"l\"><a class=\"fg8\" href=\"\(base)?at=\(match.sequence).\(match.index)#\(line)\">\(HTMLText.escape(match.step.rawValue)) #\(match.sequence)</a>  \(match.html)</span>"
        }
        body += "</pre>\n<p>"
        if page > 1, !result.matches.isEmpty { body += "<a href=\"\(base)/search?q=\(encoded)&page=\(page - 1)\">← previous</a> " }
        if result.more { body += "<a href=\"\(base)/search?q=\(encoded)&page=\(page + 1)\">next →</a>" }
        body += "</p>\n"
        return PageLayout.page(title: "evlog search", body: body, fleet: fleet)
    }
}
