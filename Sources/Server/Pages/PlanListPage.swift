import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// `/`: the plans of the home, newest first, `rowsMax` to a page (`?page=N`, from 1), with state, tools, age and
/// failure kind; its script asks for the page's rows again (`?rows=1`) two seconds after each answer, so a plan
/// that starts or changes shows without a reload.
enum PlanListPage {
    /// Rows on one page.
    static let rowsMax = 100

    /// One page of the list: its rows, which page it is (0-based) and whether older plans follow.
    struct Listed: Sendable {
        var rows: [PlanRow]
        var page = 0
        var more = false
    }

    static func html(_ listed: Listed, fleet: Bool) -> String {
        var pager: [String] = []
        if listed.page > 0 { pager.append("<a href=\"/\(listed.page > 1 ? "?page=\(listed.page)" : "")\" id=\"newer\">newer plans</a>") }
        if listed.more { pager.append("<a href=\"/?page=\(listed.page + 2)\" id=\"older\">older plans</a>") }
        let body = """
            <h1>Plans</h1>
            <table><thead><tr><th>plan</th><th>status</th><th>tools</th><th>steps</th><th>age</th><th>failure</th></tr></thead>
            <tbody id="plan-rows" data-page="\(listed.page + 1)">\(rows(listed.rows))</tbody></table>
            \(pager.isEmpty ? "" : "<p class=\"pager\">\(pager.joined(separator: " · "))</p>")
            """
        return PageLayout.page(title: "evlog plans", body: body, fleet: fleet)
    }

    /// The table's rows (newest first).
    static func rows(_ rows: [PlanRow]) -> String {
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        guard !rows.isEmpty else { return "<tr><td colspan=\"6\" class=\"muted\">No plans yet: start one from <a href=\"/install\">install</a>.</td></tr>" }
        return rows.map { row in
            // A log named for another plan than its header's (a copy or a rename) is listed as what it holds, as
            // `evlog list` lists it; its link goes to its own file, whatever characters that file's name has.
            let shown = HTMLText.escape(row.headerLabel ?? row.id.rawValue)
            // What `evlog list` says after a row, in its words: a file named for another plan, where the plan ran, a broken seal.
            let notes = (row.headerLabel == nil ? [] : ["in \(row.id.rawValue).evlog: a file named for another plan"])
                + [row.elsewhere?.note, row.sealBrokenMark].compactMap { $0 }
            let mislabel = notes.map { " <span class=\"failed\">(\(HTMLText.escape($0)))</span>" }.joined()
            let tools = HTMLText.escape(row.state.plan?.tools.joined(separator: " ") ?? "")
            let age = row.state.plan?.simulation != nil
                ? "simulated" : DurationText.age(microseconds: now.minusSaturating(row.state.createdAt?.microseconds ?? now))
            let kinds = Set(row.state.steps.compactMap { $0.diagnosis?.kind.rawValue }).sorted().joined(separator: ", ")
            return "<tr><td><a href=\"\(HTMLText.escape(Router.base("plans", row.id.rawValue)))\"><code>\(shown)</code></a>\(mislabel)</td><td class=\"status \(HTMLText.escape(row.status))\">\(HTMLText.escape(row.status))</td>"
                + "<td>\(tools)</td><td>\(HTMLText.escape(row.state.stepTally))</td><td>\(age)</td><td class=\"failed\">\(HTMLText.escape(kinds))</td></tr>"
        }.joined(separator: "\n")
    }
}
