import EvlogKit
import Foundation
import InstallModel
import Orchestrator
import Rendering

/// Reviews, starts, resumes, cancels and removes plans for the page. A review resolves the plan in this
/// process, as `install --dry-run` does; a start or resume runs the evlog command itself (`install --yes`,
/// `resume --yes`), recorded in the home exactly as the CLI records it, in its own detached process
/// that outlives the page and the server. The server never takes a plan's writer lock.
struct PlanLauncher: Sendable {
    let configuration: ServeConfiguration
    /// One start or resume of a plan at a time.
    let gate = LaunchGate()
    /// How long a start may take to create its log before the page is told why not.
    static let startTimeout = Duration.seconds(20)
    /// Tools named at most in one request.
    static let toolsMax = 64

    /// Tool names (optionally `@version`), checked by grammar before they reach a command line.
    static func checkedTools(_ tools: [String]) throws -> [String] {
        let names = tools.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ServeError(400, "name at least one tool, e.g. /install?tools=ripgrep") }
        guard names.count <= toolsMax else { throw ServeError(400, "at most \(toolsMax) tools at once") }
        for name in names {
            let allowed = name.utf8.count <= 128 && name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-@:/".contains($0)) }
            guard allowed else { throw ServeError(400, "'\(name.prefix(40))' is not a tool name (letters, digits and . _ + - @ : /)") }
        }
        return names
    }

    /// The arguments that make a command simulated, when the server was started with `--simulate`.
    private var simulation: [String] {
        configuration.simulationFixtureSet.map { ["--simulate", "--fixture-set", $0] } ?? []
    }

    /// The plan `evlog install --dry-run --seed SEED` shows for `tools` (resolved in this process by the
    /// same `InstallRequest` and drawn as the CLI draws it, plain), for review: the id it shows is the one
    /// `install(tools, seed:)` gives the plan. A usage mistake (an unknown tool) is a 400, a plan that
    /// cannot be made here a 422.
    func review(_ tools: [String], seed: UInt64) throws -> String {
        let request = InstallRequest(tools: tools, simulationFixtureSet: configuration.simulationFixtureSet, seed: seed)
        do {
            let plan = try request.plan(catalog: try CatalogOverlays.load(CatalogOverlays.fromEnvironment()))
            return String(decoding: PlanLaunch.shown(plan, by: OutputStyle(json: false, useColor: false).makeRenderer()), as: UTF8.self)
        } catch let error as UserFacingError {
            throw ServeError(error.code == .usage ? 400 : 422, error.message)
        }
    }

    /// Starts `evlog install --yes --seed SEED` for `tools` (a fresh seed when none is given); returns the
    /// new plan's id once its log exists. A seed whose plan exists already (a review run twice) is refused.
    func install(_ tools: [String], seed: UInt64? = nil) async throws -> PlanID {
        let seed = seed ?? UInt64.random(in: 1...UInt64.max)
        let id = PlanIdentity.planID(seed: seed)
        return try await gate.run(id) { try await start(tools, seed: seed, id: id) }
    }

    private func start(_ tools: [String], seed: UInt64, id: PlanID) async throws -> PlanID {
        guard !FileManager.default.fileExists(atPath: PlanArchive(home: configuration.home).logPath(for: id)) else {
            throw ServeError(409, "plan \(id) exists already (started from this review, or elsewhere with its seed); review the tools again to start another")
        }
        // Resolved here first, as the review page does: tools that make no plan (an unknown name, perhaps a
        // secret typed into the box) are refused without being put on a command line or into its error file.
        _ = try review(tools, seed: seed)
        let argv = [configuration.executable, "install", "--home", configuration.home, "--yes", "--no-color", "--seed", String(seed)]
            + simulation + ["--"] + tools
        let process = try DetachedProcess.start(argv, errorFile: try errorFiles.file(of: "install", for: id))
        let deadline = ContinuousClock.now + Self.startTimeout
        while true {
            let status = process.exitStatus()
            if let started = try startedPlan(id, by: process, exitStatus: status) {
                if status == nil { process.reapWhenDone() }
                return started
            }
            if let status { throw ServeError(status == 2 ? 400 : 500, "evlog install stopped before the plan started: \(process.lastErrorLine)") }
            guard ContinuousClock.now < deadline else {
                process.reapWhenDone()
                throw ServeError(504, "evlog install started no plan within \(Self.startTimeout)")
            }
            try await Task.sleep(for: .milliseconds(25))
        }
    }

    /// `id` once the log at its path is the one `process` started: it holds the log's writer lock, or it
    /// ended well having written it. A log another process created with that id (an `evlog install --seed`
    /// racing the page: serve16 #1) is refused, not shown as the plan reviewed; nil while it cannot be told yet.
    private func startedPlan(_ id: PlanID, by process: DetachedProcess, exitStatus: Int32?) throws -> PlanID? {
        let log = PlanLog(path: PlanArchive(home: configuration.home).logPath(for: id))
        guard FileManager.default.fileExists(atPath: log.path) else { return nil }
        let writer = log.writer.pid
        if writer == process.pid || (writer == nil && exitStatus == 0) { return id }
        guard writer != nil || exitStatus != nil else { return nil }
        if exitStatus == nil { process.reapWhenDone() }
        throw ServeError(409, "plan \(id) was created by another evlog process, not by this Run; review the tools again to start another")
    }

    /// Starts `evlog resume --yes` for the plan and returns once the resume has recorded an event in its
    /// log (it runs). `evlog resume` takes the writer's lock before it decides, so a lock held says nothing:
    /// when it exits having recorded nothing, its refusal (an imported log, commands still running, nothing
    /// left to do) is thrown with its reason, as the CLI would print it.
    func resume(_ log: PlanLog) async throws {
        try await gate.run(log.id) { try await start(resuming: log) }
    }

    private func start(resuming log: PlanLog) async throws {
        if let pid = log.writer.pid { throw ServeError(409, "plan \(log.id) is running (process \(pid)); nothing to resume") }
        // A server that simulates what it starts does not run a plan's real commands (serve10 #8).
        if configuration.simulationFixtureSet != nil, (try? log.stateAndDamageFromLastCheckpoint())?.state.plan?.simulation == nil {
            throw ServeError(409, "this server simulates the plans it starts, and plan \(log.id) ran for real on this machine: resume it with `evlog resume \(log.id)`")
        }
        let before = Self.lastSequence(of: log)
        // The plan's name after `--`: a log named like an option (`--remediate.evlog`) is never read as one (serve10 #8).
        let argv = [configuration.executable, "resume", "--home", configuration.home, "--yes", "--no-color", "--", log.id.rawValue]
        let process = try DetachedProcess.start(argv, errorFile: try errorFiles.file(of: "resume", for: log.id))
        let deadline = ContinuousClock.now + Self.startTimeout
        while true {
            let status = process.exitStatus()
            if Self.lastSequence(of: log) > before {
                if status == nil { process.reapWhenDone() }
                return
            }
            if let status {
                let reason = status == 0 ? "plan \(log.id) has nothing left to resume" : "evlog resume refused: \(process.lastErrorLine)"
                throw ServeError(409, reason)
            }
            guard ContinuousClock.now < deadline else {
                process.reapWhenDone()
                throw ServeError(504, "evlog resume recorded nothing in plan \(log.id) within \(Self.startTimeout); it may still be deciding")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The number of the last event the log holds (read from its last checkpoint on), 0 when none can be read.
    private static func lastSequence(of log: PlanLog) -> UInt64 {
        guard let events = try? log.eventsFromLastCheckpoint() else { return 0 }
        var last: UInt64 = 0
        for event in events { last = event.sequence }
        return last
    }

    /// SIGINT to the process that writes the plan's log (as Ctrl-C would): it stops its commands and
    /// records the interruption. Returns that process id.
    func cancel(_ log: PlanLog) throws -> Int32 {
        guard let pid = log.writer.pid, pid > 1 else { throw ServeError(409, "plan \(log.id) is not running") }
        guard kill(pid, SIGINT) == 0 else { throw ServeError(500, "cannot signal process \(pid): \(String(cString: strerror(errno)))") }
        return pid
    }

    /// Removes the plan's log and its leftovers as `evlog prune` does; never a running one, nor one prune keeps
    /// as the record of what is installed (`InstallRecords`, serve20b #4).
    func remove(_ log: PlanLog) throws {
        if let reason = InstallRecords(home: configuration.home).keeping(log.id) {
            throw ServeError(409, "keeping plan \(log.id): \(reason); evlog prune keeps it too")
        }
        let leftovers = PlanArchive(home: configuration.home).leftovers(of: log.id)
        do {
            try log.remove()
        } catch .running(_, let pid) {
            throw ServeError(409, "plan \(log.id) is being written by process \(pid); cancel it, then remove it")
        } catch {
            // The error names the log's path: the terminal gets it, the browser only the plan.
            Terminal.print("evlog serve: removing plan \(log.id): \(NeutralText(error.description))", to: STDERR_FILENO)
            throw ServeError(409, "plan \(log.id) cannot be removed; the terminal of evlog serve says why")
        }
        for leftover in leftovers { try? FileManager.default.removeItem(atPath: leftover) }
    }

    private var errorFiles: CommandErrorFiles { CommandErrorFiles(archive: PlanArchive(home: configuration.home)) }
}
