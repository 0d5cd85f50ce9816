import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// Every route of `evlog serve`, behind `AccessGuard`. Plan and bundle names are looked up by grammar in
/// their directory (`PlanDirectory`), never joined to a path; what a page shows comes through the same
/// readers, reports and renderers the CLI uses.
public struct Router: Sendable {
    let configuration: ServeConfiguration
    let access: AccessGuard
    let launcher: PlanLauncher
    let searches = SearchLane()
    /// The followed plans' shared readers (`/events`).
    let feeds = PlanFeeds()
    /// How `/fleet`'s summaries are made, and kept while their files do not change.
    let fleetPass = FleetPass()
    /// The fleet page's summaries.
    var fleetSummaries: FleetSummaries { fleetPass.summaries }
    /// How long `/fleet` waits for its summaries before it shows how far they are (serve22 #11).
    static let fleetPatience = Duration.seconds(10)
    /// The plan list's rows, kept while their files do not change.
    let planRows = PlanRows()

    public init(configuration: ServeConfiguration, access: AccessGuard) {
        self.configuration = configuration
        self.access = access
        launcher = PlanLauncher(configuration: configuration)
    }

    private var home: PlanDirectory { PlanDirectory(.home(configuration.home)) }
    /// The identity of the served home (`HomeIdentity.existing`), which a plan's origin is told by, as `list` and `status` tell it.
    private var ownHome: String? { HomeIdentity(archive: PlanArchive(home: configuration.home)).existing }
    private var hasFleet: Bool { configuration.bundles != nil }

    /// Whether `request` may go on, decided on its head alone (the server asks before it reads a body):
    /// nil, or the refusal to send (`AccessGuard`; a path that does not decode).
    public func admission(_ request: ServerRequest) -> ServerResponse? {
        guard let segments = request.segments else { return .refusal(400, "the path does not decode") }
        let changesState = segments.first == "api" && request.method != "GET" && request.method != "HEAD"
        return access.refusal(for: request, changesState: changesState)
    }

    /// The answer to `request`; one `admission` refuses is refused here too.
    public func respond(_ request: ServerRequest) async -> ServerResponse {
        if let refusal = admission(request) { return refusal }
        guard let segments = request.segments else { return .refusal(400, "the path does not decode") }
        do {
            var response = try await route(request, segments)
            // The `?token=` URL signs the browser in: the cookie, then the page without the token in its address.
            if request.query["token"] != nil, request.method == "GET", request.headers["accept"]?.contains("text/html") == true {
                // The path drawn again from its segments: `//host` or `/\host` as given would send the browser to another site.
                response = .seeOther("/" + segments.map(PercentEncoding.segment).joined(separator: "/") + request.queryString(without: "token"))
                response.headers.append(access.cookieHeader)
            }
            return response
        } catch let error as ServeError {
            // An error may quote what the request named (an unknown tool typed into the review box): through the
            // secret policy, as everything shown is (serve16 #8).
            return .refusal(error.status, SecretPolicy().redact(error.message))
        } catch {
            // The error may quote the file it could not read; the browser gets no part of it, the terminal does.
            Terminal.print("evlog serve: \(request.path): \(NeutralText(String(describing: error)))", to: STDERR_FILENO)
            return .refusal(500, "this request failed inside evlog serve; its terminal says why")
        }
    }

    private func route(_ request: ServerRequest, _ segments: [String]) async throws -> ServerResponse {
        let get = request.method == "GET" || request.method == "HEAD"
        let path = RoutePattern(segments)
        if get, path.captures([]) != nil {
            let page = try request.query["page"].map { Int(min(try DecimalQuery.page($0, name: "?page="), UInt64(Int.max / PlanListPage.rowsMax))) - 1 } ?? 0
            let listed = try await Blocking.run { [home, planRows, ownHome] _ in
                let (rows, more) = planRows.rows(home.logs, ownHome: ownHome, skip: page * PlanListPage.rowsMax, limit: PlanListPage.rowsMax)
                return PlanListPage.Listed(rows: rows, page: page, more: more)
            }
            if request.query["rows"] != nil { return .html(PlanListPage.rows(listed.rows)) }
            return .html(PlanListPage.html(listed, fleet: hasFleet))
        }
        if get, let captured = path.captures(["static", "*"]) {
            let name = captured[0]
            return try StaticAssets.response(name)
        }
        if get, path.captures(["install"]) != nil {
            let tools = try request.query["tools"].map { try PlanLauncher.checkedTools($0.split(separator: ",").map(String.init)) } ?? []
            // The seed the Run button sends: the plan started gets the id the review shows.
            let seed = UInt64.random(in: 1...UInt64.max)
            let text = tools.isEmpty ? nil : try await Blocking.run { [launcher] _ in try launcher.review(tools, seed: seed) }
            return .html(InstallReviewPage.html(tools: tools, seed: seed, planText: text, simulated: configuration.simulationFixtureSet != nil, fleet: hasFleet))
        }
        if get, let captured = path.captures(["plans", "*"]) {
            let id = captured[0]
            let place = try Self.place(request)
            return try await Blocking.run { stopped in try planPage(home, id, base: Self.base("plans", id), actions: true, place: place, stopped: stopped) }
        }
        if get, let captured = path.captures(["plans", "*", "events"]) {
            let id = captured[0]
            return try events(home, id, request)
        }
        if get, let captured = path.captures(["plans", "*", "output"]) {
            let id = captured[0]
            return try await Blocking.run { _ in try earlierOutput(home, id, request, base: Self.base("plans", id)) }
        }
        if get, let captured = path.captures(["plans", "*", "search"]) {
            let id = captured[0]
            return try await search(home, id, request, base: Self.base("plans", id))
        }
        if get, let captured = path.captures(["plans", "*", "steps", "*", "output"]) {
            let id = captured[0]
            let step = captured[1]
            return try await Blocking.run { _ in try RawOutput.response(try readable(home, id), step: try stepID(step), rangeHeader: RawOutput.rangeHeader(of: request), lane: feeds.readers) }
        }
        if get, path.captures(["fleet"]) != nil {
            guard let bundles = configuration.bundles else { throw ServeError(404, "start evlog serve with --bundles DIR to see a fleet") }
            // One fleet pass at a time, on a thread of its own; waited for at most `fleetPatience` (`FleetPass`).
            let summaries: [FleetHost]
            switch try await fleetPass.answer(directory: bundles, patience: Self.fleetPatience) {
            case .ready(let made): summaries = made
            case .summarising(let done, let total): return FleetProgressPage.response(done: done, total: total)
            }
            // Two files of one host (`web1.evb` beside `web1.evlog`) are two rows, the host counted once (`FleetCensus`):
            // each links to its own file, the bundle by its whole name (`PlanDirectory.log(named:)`), so neither page is
            // out of reach (serve20 #4). A missing host, or a keyring entry left out, has no page.
            let pageless = [FleetHost.missing, FleetHost.unusableKey]
            let shared = Dictionary(grouping: summaries.filter { !pageless.contains($0.status) }, by: \.name).filter { $0.value.count > 1 }.keys
            let hosts = summaries.map { host in
                var host = host
                guard !pageless.contains(host.status) else { return host }
                let bundle = shared.contains(host.name) && host.file.hasSuffix(PlanLog.bundleExtension)
                host.report = Self.base("fleet", bundle ? host.file : host.name)
                return host
            }
            return .html(FleetPage.html(hosts))
        }
        if get, let captured = path.captures(["fleet", "*"]) {
            let name = captured[0]
            let place = try Self.place(request)
            // The directory is opened before the closure: the closure calling `fleet()` crashed Swift 6.3's optimizer
            // (CopyPropagation, "Found over consume?!") in a release build.
            let directory = try fleet()
            return try await Blocking.run { stopped in try planPage(directory, name, base: Self.base("fleet", name), actions: false, showingSeals: true, place: place, stopped: stopped) }
        }
        if get, let captured = path.captures(["fleet", "*", "events"]) {
            let name = captured[0]
            return try events(try fleet(), name, request)
        }
        if get, let captured = path.captures(["fleet", "*", "output"]) {
            let name = captured[0]
            return try await Blocking.run { _ in try earlierOutput(try fleet(), name, request, base: Self.base("fleet", name)) }
        }
        if get, let captured = path.captures(["fleet", "*", "search"]) {
            let name = captured[0]
            return try await search(try fleet(), name, request, base: Self.base("fleet", name))
        }
        if get, let captured = path.captures(["fleet", "*", "steps", "*", "output"]) {
            let name = captured[0]
            let step = captured[1]
            return try await Blocking.run { _ in try RawOutput.response(try readable(try fleet(), name), step: try stepID(step), rangeHeader: RawOutput.rangeHeader(of: request), lane: feeds.readers) }
        }
        if get, path.captures(["api", "plans"]) != nil {
            let rows = try await Blocking.run { [home, planRows, ownHome] _ in planRows.rows(home.logs, ownHome: ownHome).rows }
            let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
            return .json(try JSONText.encode(JSONValue.array(rows.map { .object($0.json(nowMicros: now)) })))
        }
        if get, let captured = path.captures(["api", "plans", "*"]) {
            let id = captured[0]
            let log = try readable(home, id)
            guard var row = PlanRow(of: log) else {
                throw ServeError(404, "plan \(id) cannot be read (see `evlog verify`)")
            }
            // As `status --json` answers: no JSON with a made-up kind for a log whose writer has not recorded its plan (serve10 #14).
            guard row.state.plan != nil else {
                throw ServeError(409, "plan \(NeutralText(id.prefix(80)))'s log\(row.damage.map { " is \($0.summary) and" } ?? "") holds no plan yet")
            }
            row.elsewhere = log.origin(ownHome: ownHome)
            return .json(try JSONText.encode(StatusReport.json(row)))
        }
        if !get, path.captures(["api", "plans"]) != nil {
            let asked = try PlanRequestBody.plan(request)
            let id = try await launcher.install(try PlanLauncher.checkedTools(asked.tools), seed: asked.seed)
            return PlanRequestBody.answer(request, json: ["plan": .string(id.rawValue)], page: "/plans/\(id.rawValue)", status: 201)
        }
        if !get, let captured = path.captures(["api", "plans", "*", "resume"]) {
            let id = captured[0]
            try await launcher.resume(try plan(home, id))
            return PlanRequestBody.answer(request, json: ["resumed": .string(id)], page: "/plans/\(id)")
        }
        if !get, let captured = path.captures(["api", "plans", "*", "cancel"]) {
            let id = captured[0]
            let pid = try launcher.cancel(try plan(home, id))
            return PlanRequestBody.answer(request, json: ["cancelled": .string(id), "pid": .number(Double(pid))], page: "/plans/\(id)")
        }
        if !get, let captured = path.captures(["api", "plans", "*", "prune"]) {
            let id = captured[0]
            try launcher.remove(try plan(home, id))
            return PlanRequestBody.answer(request, json: ["removed": .string(id)], page: "/")
        }
        if AllowedMethods.allow(segments) != nil, !AllowedMethods.answers(request.method, segments) { return AllowedMethods.refusal(request.method, segments) }
        throw ServeError(404, "no such page")
    }

    /// Where a plan's or bundle's pages live (`/plans/<id>`, `/fleet/<name>`), its name percent-encoded.
    static func base(_ place: String, _ name: String) -> String { "/\(place)/" + PercentEncoding.segment(name) }

    private func fleet() throws -> PlanDirectory {
        guard let bundles = configuration.bundles else { throw ServeError(404, "start evlog serve with --bundles DIR to see a fleet") }
        return PlanDirectory(.bundles(bundles))
    }

    /// The log named `name` in `directory`, to act on (resume, cancel, remove: a log a writer killed as it created it is
    /// removed as `evlog prune` removes it).
    private func plan(_ directory: PlanDirectory, _ name: String) throws -> PlanLog {
        guard let log = directory.log(named: name) else { throw ServeError(404, "no plan named \(NeutralText(name.prefix(80)))") }
        guard log.startsAsALog || log.isStillborn else { throw ServeError(422, "not an evlog bundle: \(NeutralText(name.prefix(80))) (the file does not start as an evlog log does)") }
        return log
    }

    /// The log named `name` in `directory`, to read: one a writer killed as it created it (empty, or its header torn)
    /// holds no plan, said as `evlog status` says it, on its page as in the API (integrity11 #12, serve20b #9).
    private func readable(_ directory: PlanDirectory, _ name: String) throws -> PlanLog {
        let log = try plan(directory, name)
        if log.isStillborn, let reason = log.noPlanReason { throw ServeError(409, "plan \(NeutralText(name.prefix(80)))'s log holds no plan (\(reason))") }
        return log
    }

    /// A step is only ever compared with the plan's own step ids, never joined into a path, so any id a
    /// plan can hold is accepted here (bounded, without controls); one the plan lacks is then not found.
    private func stepID(_ name: String) throws -> StepID {
        guard !name.isEmpty, name.utf8.count <= 256, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ServeError(404, "no step named \(NeutralText(name.prefix(80)))")
        }
        return StepID(name)
    }

    /// A plan's page; a bundle's (`showingSeals`) says what its seals prove and whether they are its host's, checked
    /// against the fleet's keyring and recorded in its records of bundles seen as the fleet table's row is (serve10 #12,
    /// serve20 #1, serve20b #5).
    private func planPage(
        _ directory: PlanDirectory, _ name: String, base: String, actions: Bool, showingSeals: Bool = false, place: PlanPage.Place,
        stopped: () -> Bool
    ) throws -> ServerResponse {
        let log = try readable(directory, name)
        let host = ((log.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let verdict = showingSeals ? configuration.bundles.map { FleetKeyring(bundles: $0).verdict(of: log.path, host: host, recording: true) } : nil
        // A home's plan is told apart as `status` tells it (imported, another home's); a bundle is a host's by its seals.
        let origin = showingSeals ? nil : log.origin(ownHome: ownHome)
        return .html(try PlanPage.html(
            log, base: base, actions: actions, fleet: hasFleet, seals: verdict?.report, distrust: verdict?.distrust, origin: origin, place: place,
            stopped: stopped))
    }

    /// A plan page's `?steps=N` (its Nth page of steps, from 1) and `?at=SEQ` (the output up to event SEQ).
    static func place(_ request: ServerRequest) throws -> PlanPage.Place {
        var place = PlanPage.Place()
        if let steps = request.query["steps"] {
            place.steps = Int(min(try DecimalQuery.page(steps, name: "?steps="), UInt64(Int.max))) - 1
        }
        if let at = request.query["at"] {
            let parts = at.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let line = parts.count == 2 ? DecimalQuery.number(parts[1]).flatMap { $0 < UInt64(Int32.max) ? Int($0) : nil } : nil
            guard let sequence = DecimalQuery.number(parts[0]), sequence >= 1, sequence < .max, parts.count == 1 || line != nil else {
                throw ServeError(400, "?at= must be an event number, or an event and its line (from 1, as a line's permalink #e<number>.<line> has them), not \(NeutralText(at.prefix(40)))")
            }
            place.at = sequence
            place.line = line
        }
        return place
    }

    private func events(_ directory: PlanDirectory, _ name: String, _ request: ServerRequest) throws -> ServerResponse {
        let log = try readable(directory, name)
        let after = try EventFeed.resumePoint(lastEventID: request.headers["last-event-id"], after: request.query["after"])
        return ServerResponse(
            headers: [("Content-Type", "text/event-stream"), ("Cache-Control", "no-store"), ("X-Accel-Buffering", "no")],
            body: .stream { [feeds] write in try await EventFeed.stream(log, after: after, feeds: feeds, write: write) })
    }

    private func earlierOutput(_ directory: PlanDirectory, _ name: String, _ request: ServerRequest, base: String) throws -> ServerResponse {
        let log = try readable(directory, name)
        guard let cursor = request.query["before"].flatMap(OutputWindow.Cursor.init(parsing:)) else {
            throw ServeError(400, "give ?before=BLOCK.SEQUENCE as the page's earlier-output button does")
        }
        let window = try OutputWindow.earlier(in: log, before: cursor, limits: .init(raw: { RawOutput.link(base: base, step: $0) }))
        let steps = window.steps.map { part -> JSONValue in
            .object([
                "step": .string(part.step.rawValue),
                "lines": .array(part.lines.map { line in
                    var object: [String: JSONValue] = [
                        "html": .string(line.html), "seq": .number(Double(line.sequence)), "index": .number(Double(line.index)),
                        "time_us": .number(Double(line.time.microseconds)),
                    ]
                    if line.continues { object["continues"] = .bool(true) }
                    return .object(object)
                }),
            ])
        }
        return .json(try JSONText.encode(JSONValue.object(["steps": .array(steps), "before": window.earlier.map { .string($0.text) } ?? .null])))
    }

    private func search(_ directory: PlanDirectory, _ name: String, _ request: ServerRequest, base: String) async throws -> ServerResponse {
        let log = try readable(directory, name)
        let query = request.query["q"] ?? ""
        // Counted from 1, as `?steps=` and the page's own words count (serve14 #1); a page past the last is named as asked.
        let page = try request.query["page"].map { try DecimalQuery.page($0, name: "?page=") } ?? 1
        guard !query.isEmpty else { return .seeOther(base) }
        guard let result = try await searches.run(plan: base, { stopped in try LogSearch.search(log, for: query, page: page, raw: { RawOutput.link(base: base, step: $0) }, stopped: stopped) }) else {
            var busy = ServerResponse.refusal(503, "searches of this plan (at most \(searches.perPlan)) or of all plans (at most \(searches.total)) are running already; try again in a few seconds")
            busy.headers.append(("Retry-After", "5"))
            return busy
        }
        return .html(LogSearch.html(result, query: query, page: page, base: base, plan: name, fleet: hasFleet))
    }
}
