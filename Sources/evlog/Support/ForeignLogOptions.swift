import EvlogKit
import Catalog
import ArgumentParser
import Foundation
import InstallModel
import Orchestrator
import Rendering
import Sealing

/// Whether `resume` and `remedy` may extend a log. The home's own logs may; a reproduction never does. A log from elsewhere — a file
/// outside `<home>/plans/`, one `evlog import` wrote, or one carrying seals this host's key did not make
/// (another host's log copied into `plans/`) — is read-only until it verifies with a key the user
/// names (`--key`); even then its plan is shown and the user asked (`--yes` answers yes). An unsealed log in
/// `plans/` that this home did not write (`CreatedPlans.wrote`: its header names another home, or it names none and
/// the home has no record of creating it) was copied in: it is refused outright.
struct ForeignLogOptions: ParsableArguments {
    @Option(help: "For a log from elsewhere (a file outside this home's plans/, or an imported one): the public key it must be sealed by (base64, or a file holding it, e.g. host.pub) before it may run here.")
    var key: String?

    /// The key `--key` names, nil when none or not a key (`check` then says what is wrong with it). Its seals
    /// are accepted beside the host's own while the log is read for `check`.
    var named: SealPublicKey? { key.flatMap { try? SealPublicKey(text: $0) } }

    /// What `check` found of a log it lets through.
    struct Verdict {
        /// Why the log is not this home's own (`origin(of:…)`), nil when it is.
        var origin: String?
        /// Where the run goes when not into the log itself: a copy in this home's plans/.
        var continueIn: String?
    }

    /// Returns when `log` may be extended: it is this home's own, or it verifies with `--key` and the user
    /// agrees to its plan. Otherwise a one-line refusal (exit 2) before anything runs. `report` is what the
    /// one pass over the log's seals found, trusting the host's key and `named`. Returns where the log came from
    /// and where the run goes when not into `log`: a log outside this home's plans/ (a bundle, another host's
    /// file) is never written to; the plan continues in a copy of it, `plans/<plan id>.evlog`. The host key is
    /// read once, here.
    func check(_ log: PlanLog, plan: Plan, report: SealReport, home: String, yes: Bool, doing verb: String) throws -> Verdict {
        if plan.simulation?.isReproduction == true {
            throw UserFacingError(
                "\(log.path) is a reproduction of plan \(plan.id) (`evlog reproduce`), a record of a check, not of a run: it cannot be extended; \(verb) the original plan, or reproduce its log again")
        }
        let hostKeyDirectory = HostKey.directory()
        let own = (try? HostKey.load(from: hostKeyDirectory)) ?? nil
        let origin = ForeignLogOptions.origin(of: log, report: report, home: home, own: own, hostKeyDirectory: hostKeyDirectory)
        if origin == nil, report.lastValid == nil, report.broken == nil, !CreatedPlans(archive: PlanArchive(home: home)).wrote(log) {
            // Unsealed, so nothing but the home's own record says where it was written; --key cannot verify it either.
            throw UserFacingError(
                "\(log.path): this log was not written here (this home has no record of creating plan \(plan.id)); `evlog import` it to view it; nothing was run")
        }
        guard let origin else { return Verdict(origin: nil, continueIn: nil) }
        if let refusal = ForeignLogOptions.unclosedUnderAnotherKey(log, own: own) {
            throw UserFacingError("\(log.path) \(origin): \(refusal); nothing was run")
        }
        guard let key else {
            // This host's own key before `key generate --force` is kept: name it (integrity13 #19).
            let sealer = report.lastValid?.fingerprint ?? report.broken?.signer
            let kept = sealer.map { HostKey.previousPath(of: $0, in: hostKeyDirectory) }.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            throw UserFacingError(
                "\(log.path) \(origin), so it is read-only here: check where it came from, then \(verb) it with --key PUB (the public key it must be sealed by"
                    + (kept.map { "; it is sealed by a key this host had before `evlog key generate --force`: --key \($0)" } ?? "") + ")")
        }
        guard named != nil else {
            throw UserFacingError("\(log.path) \(origin) and does not verify with --key: \(SealingError.badPublicKey(key)); nothing was run")
        }
        guard own != nil else {
            // What runs here would be appended after another key's final seal, unsealed, and every view of this home reads
            // such a tail as forged: a real install no list, status, uninstall or outdated would know of (trust19 #6).
            throw UserFacingError(
                "\(log.path) \(origin), and this host has no key (\(hostKeyDirectory)) to seal what would run here, so no view of this "
                    + "home could count it: generate one first (`evlog key generate`), then \(verb) it with --key; nothing was run")
        }
        let state = try? log.stateFromLastCheckpoint()
        if state.map({ !$0.status.isTerminal }) ?? true {
            // A bundle's final seal ends the file, not the plan: a plan that did not end (a crash, a run still going, a
            // pause) has one writer, where it ran (integrity16 finding 7). A log whose state cannot be read is not let through.
            throw UserFacingError(
                "\(log.path) \(origin), and its plan \(plan.id) did not end there (\(state?.status.rawValue ?? "unreadable")): one plan has one writer, "
                    + "in the home that created it; resume it there (a copy continues here only once the plan has ended); nothing was run")
        }
        if let problem = ForeignLogOptions.problem(with: report) {
            throw UserFacingError("\(log.path) \(origin) and does not verify with --key: \(problem); nothing was run")
        }
        // Its seals say who wrote it, not that what it holds is what evlog's recipes allow: the same check
        // `evlog import` makes (`ForeignPlanPolicy.stepProblem`), on every step (its rollbacks, backups and adjustments
        // too), before it is shown.
        let catalog = try Catalog.bundled()
        if let problem = RecordedPlanGrammar.problem(with: plan) {
            throw UserFacingError("\(log.path) \(origin): \(problem); refused: a log evlog wrote holds only values its recipes allow; nothing was run")
        }
        if let (step, problem) = ForeignPlanPolicy.planProblem(plan, catalog: catalog) {
            throw UserFacingError("\(log.path) \(origin): step \(shown: step.rawValue) \(problem); refused: a log evlog wrote holds only values its recipes allow; nothing was run")
        }
        if let block = ForeignLogOptions.removedBlockOfThisHome(plan, home: home) {
            throw UserFacingError(
                "\(log.path) \(origin): it would remove the shell-profile block of plan \(block), a plan of this home; a log from "
                    + "elsewhere changes only what its own plan added (uninstall this home's plan with `evlog uninstall`); nothing was run")
        }
        // The consent is to what will run: every step's command (neutralized), as `evlog plan` shows it, with the
        // risks evlog gives them, never lower than the log declares (integrity10 finding 2).
        let judged: Plan
        do {
            judged = try ForeignPlanPolicy.checked(plan, runsAsRoot: plan.profile.isRoot || geteuid() == 0, catalog: catalog)
        } catch {
            throw UserFacingError("\(log.path) \(origin): \(error); nothing was run")
        }
        Terminal.write(Array(PlanText.render(judged).utf8))
        guard yes || Terminal.inputIsTerminal else {
            throw UserFacingError("\(log.path) \(origin); its seals verify, but no terminal to ask on: pass --yes to \(verb) the plan above")
        }
        let copy = ForeignLogOptions.isInPlansDirectory(log.path, home: home) ? nil : PlanArchive(home: home).logPath(for: plan.id)
        if copy != nil, CreatedPlans(archive: PlanArchive(home: home)).contains(plan.id), !ForeignLogOptions.sealedOnlyHere(report, own: own) {
            // The copy would sit where this home's own plan of that id was (pruned or moved) and be read as its history.
            throw UserFacingError(
                "\(log.path) \(origin): its plan id \(plan.id) is one this home created (its log is gone from plans/); a log from elsewhere cannot continue under it; nothing was run")
        }
        // Its steps done elsewhere are not this home's history: the home's record of the plans it created says so
        // (a home without one counts every log naming no home as its own).
        try CreatedPlans(archive: PlanArchive(home: home)).keep()
        let where_ = copy.map { " (in a copy, \($0); the file given is left as it is)" } ?? ""
        guard yes || Terminal.confirm("This plan \(origin); it is sealed by the key you named. \(verb.capitalized) it on this machine\(where_)?") else {
            throw UserFacingError("not confirmed; nothing was run")
        }
        return Verdict(origin: origin, continueIn: copy)
    }

    /// Why `log` is not this home's own, asked as `check` asks it — by path, by import, and by who sealed it (this
    /// host's key, read here) — for a caller that only shows the log (`remedy PLAN` listing what applying would
    /// run); nil when it is the home's own. A log whose seals cannot be read is from elsewhere.
    static func origin(of log: PlanLog, home: String) -> String? {
        let hostKeyDirectory = HostKey.directory()
        let own = (try? HostKey.load(from: hostKeyDirectory)) ?? nil
        guard let report = try? SealVerifier.verify(path: log.path, expected: own?.publicKey) else {
            return "carries seals that cannot be read"
        }
        return origin(of: log, report: report, home: home, own: own, hostKeyDirectory: hostKeyDirectory)
    }

    /// The plan of this home (one it created or continued, or a log in its `plans/`) whose shell-profile block a step of
    /// `plan`, from elsewhere, would remove (`shell_config.blockPlan`), or nil (trust19 #7).
    static func removedBlockOfThisHome(_ plan: Plan, home: String) -> PlanID? {
        let archive = PlanArchive(home: home)
        let ours = CreatedPlans(archive: archive).ids.union(CreatedPlans.adopted(in: archive).ids)
        return plan.steps.flatMap { [$0] + $0.rollback }.lazy.compactMap { step -> PlanID? in
            guard case .shellConfig(let parameters) = step.action, parameters.removeBlock == true,
                  let block = parameters.blockPlan, block != plan.id else { return nil }
            let inPlans = FileManager.default.fileExists(atPath: archive.logPath(for: block))
            return ours.contains(block.rawValue) || inPlans ? block : nil
        }.first
    }

    /// Every seal of the log `report` is about was made by this host's key (`own`): a bundle or copy of the home's own plan.
    static func sealedOnlyHere(_ report: SealReport, own: HostKey?) -> Bool {
        guard report.isSealed, report.broken == nil, let own else { return false }
        return report.signers.allSatisfy { $0 == own.publicKey.fingerprint }
    }

    /// `path` is in `home`'s plans directory, symbolic links resolved (a link in `plans/` to a file elsewhere is not).
    static func isInPlansDirectory(_ path: String, home: String) -> Bool {
        let directory = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
        return directory == URL(fileURLWithPath: PlanArchive(home: home).plansDirectory).resolvingSymlinksInPath().path
    }

    /// Why no `--key` lets this host continue `log`, or nil: its seals hold (whoever made them) and its last seal,
    /// by another key than this host's, is not final (a crash, or a cut). One key seals a log until it is closed
    /// (FORMAT.md §9.3), so only the host whose key began it can continue it — not this one after `key generate --force`.
    static func unclosedUnderAnotherKey(_ log: PlanLog, own: HostKey?) -> String? {
        guard let own, let report = try? SealVerifier.verify(path: log.path), report.broken == nil,
              let seal = report.lastValid, !seal.final, seal.fingerprint != own.publicKey.fingerprint else { return nil }
        return report.refusalToExtend(sealingAs: own.publicKey.fingerprint)
    }

    /// Why `log` is not this home's own (`is not in …/plans`, `was imported …`, `is sealed by …`), or nil
    /// when it is. Paths are compared with symbolic links resolved, so a link in `plans/` to a file
    /// elsewhere is foreign. `report` is the log's seals checked with this host's key (`own`, read from
    /// `hostKeyDirectory`) and any key the user named.
    static func origin(of log: PlanLog, report: SealReport, home: String, own: HostKey?, hostKeyDirectory: String) -> String? {
        guard isInPlansDirectory(log.path, home: home) else {
            return "is not in this home's plans directory (\(PlanArchive(home: home).plansDirectory))"
        }
        if log.wasImported { return "was imported (`evlog import`)" }
        return sealedElsewhere(report, own: own, hostKeyDirectory: hostKeyDirectory)
    }

    /// Why the log `report` is about was sealed by some other key than this host's (it then came from another
    /// host, whatever directory it is in), or nil when it carries no seal or only this host's.
    private static func sealedElsewhere(_ report: SealReport, own: HostKey?, hostKeyDirectory: String) -> String? {
        guard report.lastValid != nil || report.broken != nil else { return nil }
        guard let own else {
            return "carries seals, and this host has no key (\(hostKeyDirectory)): it was sealed elsewhere"
        }
        let made = "carries a seal this host's key (\(own.publicKey.fingerprint)) did not make"
        if let other = report.signers.first(where: { $0 != own.publicKey.fingerprint }) { return "\(made) (signed by \(other))" }
        // A broken seal naming this host's key is an edit of a log of this home, not a log from elsewhere: the
        // writer refuses it with what is broken (`SealTrustError`), no `--key` advice.
        return report.broken.flatMap { $0.signer == own.publicKey.fingerprint ? nil : "\(made) (\($0.problem))" }
    }

    /// Nil when every record of the log `report` is about is covered by a valid seal (of the key the user
    /// named, or of this host's), else why not.
    static func problem(with report: SealReport) -> String? {
        guard report.isSealed, !report.failed else { return report.summary }
        guard report.unsealedTail == 0 else { return "\(report.unsealedTail) records after its last seal are not covered by it" }
        return nil
    }
}
