import EventLog
import EvlogKit
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// `/plans/<id>`: the plan's header and buttons, its failures with diagnosis and ranked remediations on
/// top, then each step as a collapsible group (failing and running ones open) holding the last lines
/// of its output (`OutputWindow`); earlier output, search and raw download are a click away. A running
/// plan's page follows its event stream from the last event drawn.
enum PlanPage {
    /// `base` is where the plan's routes live (`/plans/<id>` or `/fleet/<name>`); `actions` whether
    /// resume, cancel and remove apply (not to another host's bundle); `seals`, what a bundle's seals prove,
    /// said at the top (a broken one as a warning: what the page shows may have been edited), and `distrust`, why it
    /// is not its host's whole, current bundle (`FleetKeyring.verdict`); `origin`, where a home's plan ran when not here
    /// alone (`PlanLog.origin`: said as `status` says it, and such a plan offers no resume, which the CLI refuses); `place`, which
    /// page of steps and which output (the tail, or the lines up to one event: a permalink's or a search hit's).
    /// Throws `CancellationError` between its parts once `stopped` says the asker has gone.
    static func html(
        _ log: PlanLog, base: String, actions: Bool, fleet: Bool, seals: SealReport? = nil, distrust: String? = nil,
        origin: PlanLog.Origin? = nil, place: Place = Place(),
        stopped: () -> Bool = { false }
    ) throws -> String {
        // One pass over the file for all the page asks its seals (the proposals they leave out, a broken one, what the
        // home vouches for).
        let reading = log.sealReading()
        guard var (state, damage) = try log.stateAndDamageFromLastCheckpoint(stopped: stopped, reading: reading) else { throw CancellationError() }
        let unsealed = log.unsealedProposals(reading.report)
        if let unsealed { state.withholdRemediations(of: unsealed.steps) }
        var row = PlanRow(id: log.id, state: state, writer: log.writer, damage: damage)
        row.elsewhere = origin
        // A damaged log's output stops at the damage, as replay's does: the blocks after it are no part of the plan (serve20b #6).
        let damagedAt = damage.flatMap { $0.isTornTail ? nil : $0.offset }
        let limits = OutputWindow.Limits(raw: { RawOutput.link(base: base, step: $0) }, damagedAt: damagedAt)
        let window = try place.at.map { try OutputWindow.upTo(event: $0, line: place.line, in: log, limits: limits) } ?? OutputWindow.tail(of: log, limits: limits)
        if stopped() { throw CancellationError() }
        let stepPage = StepPage(state, windowSteps: window.steps.map(\.step), asked: place.steps)
        // A window into the past is not followed: the events after it are not on the page.
        let live = row.live && place.at == nil
        let mislabel = actions ? log.mislabel : nil
        var body = header(row, base: base, actions: actions, mislabel: mislabel)
        if let seals {
            let edited = seals.editFound != nil
            body += "<p class=\"\(edited ? "failed" : "meta")\" id=\"seal\">\(HTMLText.escape(seals.summary))"
                + (edited ? " — what this page shows may have been edited after it was sealed" : "") + "</p>\n"
        }
        if let distrust { body += "<p class=\"failed\" id=\"distrust\">Not verified as this host's bundle: \(HTMLText.escape(distrust))</p>\n" }
        if let damage { body += "<p class=\"failed\">The log is \(HTMLText.escape(damage.summary)): \(HTMLText.escape(damage.reason)).</p>\n" }
        if let unsealed { body += "<p class=\"failed\" id=\"unsealed-proposals\">\(HTMLText.escape(unsealed.note))</p>\n" }
        // A bundle's seal line that names the edit already is the page's one banner for it.
        if seals?.editFound == nil, let sealNote = log.sealNote(reading) {
            body += "<p class=\"failed\" id=\"seal-broken\">Not as recorded: \(HTMLText.escape(sealNote))</p>\n"
        }
        body += HTMLReport.failures(state, limit: StepPage.stepsMax)
        body += """
            <form class="search" action="\(base)/search" method="get"><input name="q" placeholder="search the whole log" size="40"> <button>search</button></form>
            <h2>Steps</h2>
            <p><label><input type="checkbox" id="timestamps"> timestamps</label>
            \(window.earlier.map { "<button id=\"earlier\" data-before=\"\($0.text)\">earlier output</button>" } ?? "")</p>
            \(place.at.map { "<p class=\"meta\" id=\"at\">output up to event \($0) · <a href=\"\(base)\(stepPage.query)\">the end of the log</a></p>" } ?? "")
            \(stepPage.navigation(base: base, query: place.atText.map { "at=\($0)" } ?? ""))<div id="steps">
            """
        body += try steps(state, ids: stepPage.ids, window: window, base: base, live: live, stopped: stopped)
        body += "</div>\n"
        if let damage, damagedAt != nil {
            body += "<p class=\"failed\" id=\"damage-cut\">The output stops here, where the log is \(HTMLText.escape(damage.summary)): what follows is not read, as replay does not read it.</p>\n"
        }
        let attributes = [
            "plan": log.id.rawValue, "base": base, "after": String(window.lastSequence), "live": String(live),
            "kept-lines": String(OutputWindow.linesMax), "kept-chars": String(liveCharsMax),
        ]
        return PageLayout.page(title: "evlog \(log.id.rawValue)", body: body, bodyAttributes: attributes, fleet: fleet)
    }

    /// Characters of output lines a page that follows a running plan holds at most (its script drops the oldest
    /// lines past it, and past `OutputWindow.linesMax` lines of a step), so a followed page stays under 5 MB of
    /// text whatever the plan prints.
    static let liveCharsMax = 2_000_000

    /// Which part of a plan a page shows: the page of steps (0-based) and, for a permalink or a search hit,
    /// the event whose lines end the window (nil: the log's tail) and the line of it that ends it (nil: its last).
    struct Place {
        var steps = 0
        var at: UInt64?
        var line: Int?

        /// `?at=` as the page's links carry it: `S`, or `S.L` with a line.
        var atText: String? { at.map { "\($0)" + (line.map { ".\($0)" } ?? "") } }
    }

    /// `mislabel`: the plan the log's header names when its file in `plans/` is named for another (`PlanLog.mislabel`):
    /// the page is that plan's copy, said so, and offers no resume (the CLI refuses it); nor does a plan that ran elsewhere (`row.elsewhere`).
    private static func header(_ row: PlanRow, base: String, actions: Bool, mislabel: String? = nil) -> String {
        let state = row.state
        var out = "<h1>Plan <code>\(HTMLText.escape(mislabel ?? row.id.rawValue))</code> <span id=\"plan-status\" class=\"badge \(HTMLText.escape(row.status))\">\(HTMLText.escape(row.status))</span></h1>\n"
        if let mislabel {
            out += "<p class=\"failed\" id=\"mislabel\">This file, \(HTMLText.escape(row.id.rawValue)).evlog, is named for plan \(HTMLText.escape(row.id.rawValue)) but its sealed header names plan \(HTMLText.escape(mislabel)): a copy or a rename, not that plan's own log.</p>\n"
        }
        if let plan = state.plan {
            let elapsed = DurationFormat.describe(microseconds: state.elapsedMicros ?? 0)
            out += "<p class=\"meta\">\(HTMLText.escape(plan.title)) · \(plan.steps.count) steps · elapsed \(elapsed) · \(state.eventCount) events</p>\n"
            if let simulation = plan.simulation { out += "<p class=\"meta\">\(HTMLText.escape(simulation.summary))</p>\n" }
        }
        if let elsewhere = row.elsewhere { out += "<p class=\"failed\" id=\"origin\">This plan was \(HTMLText.escape(elsewhere.note)).</p>\n" }
        if let pause = state.pause { out += "<p class=\"paused\">paused: \(HTMLText.escape(pause.message))</p>\n" }
        guard actions else { return out }
        let api = HTMLText.escape("/api/" + Router.base("plans", row.id.rawValue).dropFirst())
        var buttons: [String] = []
        if row.live { buttons.append("<button data-post=\"\(api)/cancel\">cancel</button>") }
        if !row.live, mislabel == nil, row.elsewhere == nil, [.interrupted, .paused, .failed, .running].contains(state.status) || row.status == "interrupted" {
            buttons.append("<button data-post=\"\(api)/resume\">resume</button>")
        }
        if !row.live { buttons.append("<button data-post=\"\(api)/prune\" data-then=\"/\">remove</button>") }
        return out + "<p class=\"actions\">\(buttons.joined())</p>\n"
    }

    /// A live plan's line still being written is drawn as the event stream draws its partial line (`l partial`),
    /// which the stream's next output of that step replaces: it is not left behind as a line of its own.
    private static func steps(_ state: PlanState, ids: [StepID], window: OutputWindow, base: String, live: Bool, stopped: () -> Bool) throws -> String {
        let output = Dictionary(window.steps.map { ($0.step, $0.lines) }, uniquingKeysWith: { $1 })
        let lastWithOutput = window.steps.last?.step
        return try ids.map { id in
            if stopped() { throw CancellationError() }
            let step = state.step(id)
            let status = step?.status.rawValue ?? "pending"
            let open = step?.status == .failed || step?.status == .running || id == lastWithOutput
            let label = state.plannedStep(id)?.label ?? ""
            let kind = step?.diagnosis.map { " <span class=\"failed\">why: \(HTMLText.escape($0.kind.rawValue))</span>" } ?? ""
            let raw = RawOutput.link(base: base, step: id)
            var out = "<details class=\"step\" id=\"step-\(HTMLText.escape(id.rawValue))\" data-step=\"\(HTMLText.escape(id.rawValue))\"\(open ? " open" : "")>"
            out += "<summary><code>\(HTMLText.escape(id.rawValue))</code> \(HTMLText.escape(label)) <span class=\"status \(status)\">\(status)</span>\(kind)"
            out += " <a class=\"muted\" href=\"\(raw)\">raw</a></summary><pre class=\"out\">"
            // A line's permalink: its event's number and its place among that event's lines (`#e4101.2`).
            for line in output[id] ?? [] {
                if live, line.unfinished {
                    out += "<span class=\"l partial\" data-t=\"\(line.time.microseconds)\">\(line.html)</span>"
                    continue
                }
                out += "<span class=\"l\" id=\"e\(line.sequence).\(line.index)\" data-t=\"\(line.time.microseconds)\">\(line.html)</span>"
            }
            return out + "</pre></details>\n"
        }.joined()
    }
}
