import Foundation
import InstallModel

extension PlanLog {
    /// Names every read command accepts besides ids and paths (no plan id may be one: `PlanID.reservedNames`).
    public static let latestName = PlanID.latestName
    public static let latestFailedName = PlanID.latestFailedName

    /// Finds a plan's log from what a user typed: a path (contains `/` or ends in `.evlog`), `latest`
    /// (the log written last), `latest-failed` (see `latestFailure`), a plan id (or a reproduction's,
    /// as `list --all` shows it), or a prefix of exactly one plan id under `home`.
    public static func open(_ reference: String, home: String) throws(PlanLogError) -> PlanLog {
        if reference.contains("/") || reference.hasSuffix(fileExtension) || reference.hasSuffix(bundleExtension) {
            guard FileManager.default.fileExists(atPath: reference) else {
                // A link whose target is gone is said to be one (integrity10 finding 7), not an absent file.
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: reference) { throw .danglingLink(reference, target: target) }
                throw .noSuchLog(reference)
            }
            return PlanLog(path: reference)
        }
        let logs = all(home: home)
        switch reference {
        case latestName:
            // A file a writer killed as it created it left is no plan (whole or absent): `latest` is the plan before it.
            guard let newest = logs.last(where: { !$0.isStillborn }) else {
                guard let stillborn = logs.last else { throw .noPlans(plansDirectory(home: home)) }
                throw .unreadable(path: stillborn.path, reason: "holds no plan (\(stillborn.noPlanReason ?? "")); no other plan is in \(plansDirectory(home: home))")
            }
            return newest
        case latestFailedName:
            guard let failed = latestFailure(among: logs).log else { throw .noFailedPlan(plansDirectory(home: home)) }
            return failed
        default:
            // An id (or a prefix of one) is one path component: `..` or a name with odd bytes is refused, not looked up.
            guard PlanID(reference).isWellFormed else { throw .invalidPlanID(reference) }
            if let exact = logs.first(where: { $0.id.rawValue == reference }) { return exact }
            // A reproduction's id, as `evlog list --all` shows it, names its log (only ever read: resume refuses it).
            let reproduction = PlanArchive(home: home).reproductionsDirectory + "/" + reference + fileExtension
            if FileManager.default.fileExists(atPath: reproduction) { return PlanLog(path: reproduction) }
            let matches = logs.filter { $0.id.rawValue.hasPrefix(reference) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { throw .ambiguous(reference, matches: matches.map(\.id.rawValue).sorted()) }
            throw .noSuchPlan(reference, known: logs.suffix(PlanLogError.knownShownMax).map(\.id.rawValue))
        }
    }

    /// What `latest-failed` names under `home`, and what it passed over to get there.
    public static func latestFailure(home: String) -> LatestFailure { latestFailure(among: all(home: home)) }

    /// The newest of `logs` (oldest first) whose plan failed and was made to change tools (install,
    /// upgrade, uninstall: what `resume` and `remedy` are for), with the failed `evlog run` recordings
    /// newer than it: a recorded command's exit status is that command's answer (`grep` finding
    /// nothing, a failing test), not a plan of evlog's left half-done, so it does not hide one.
    static func latestFailure(among logs: [PlanLog]) -> LatestFailure {
        var passedOver: [PlanLog] = []
        for log in logs.reversed() {
            // A reproduction (one a copy put in plans/) is a check of a log, never the user's failure (repro20 #8).
            guard let state = try? log.stateFromLastCheckpoint(), state.status == .failed,
                  state.plan?.simulation?.isReproduction != true else { continue }
            guard state.plan?.purpose == .command else { return LatestFailure(log: log, newerRecordings: passedOver) }
            passedOver.append(log)
        }
        return LatestFailure(log: nil, newerRecordings: passedOver)
    }

    /// The logs under `home`, oldest write first (newest last, as `evlog list` shows them).
    public static func all(home: String) -> [PlanLog] {
        all(inDirectory: plansDirectory(home: home))
    }

    /// The `.evlog` logs and `.evb` bundles directly in `directory`, oldest write first: regular files only, so that
    /// `latest`, `list` and `prune` pass over the same things (integrity23 #9: a directory or FIFO named `*.evlog` made
    /// `latest` unusable, and `prune` removed a directory with what it held).
    public static func all(inDirectory directory: String) -> [PlanLog] {
        let logs = named(inDirectory: directory).filter { isRegularFile($0.path) }
        let dated = logs.map { ($0, $0.modifiedAt ?? .distantPast) }
        return dated.sorted { $0.1 == $1.1 ? $0.0.path < $1.0.path : $0.1 < $1.1 }.map(\.0)
    }

    /// What `all(inDirectory:)` passes over: the entries of `directory` named as a log or bundle that are not regular
    /// files (a directory, a FIFO, a symbolic link), by path.
    public static func notLogs(inDirectory directory: String) -> [String] {
        named(inDirectory: directory).map(\.path).filter { !isRegularFile($0) }.sorted()
    }

    /// Every entry of `directory` named `*.evlog` or `*.evb`.
    private static func named(inDirectory directory: String) -> [PlanLog] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(fileExtension) || $0.hasSuffix(bundleExtension) }.map { PlanLog(path: directory + "/" + $0) }
    }

    /// The logs and bundles of a directory, or of its `plans/` folder when it is an evlog home
    /// (`diagnose DIR --summary`, `export --fleet-html DIR`).
    public static func all(inDirectoryOrHome directory: String) -> [PlanLog] {
        var isHome: ObjCBool = false
        let plans = plansDirectory(home: directory)
        return all(inDirectory: FileManager.default.fileExists(atPath: plans, isDirectory: &isHome) && isHome.boolValue ? plans : directory)
    }

    /// Whether `path` is a regular file of its own: a symbolic link (a host that drops
    /// `linked.evb -> /etc/shadow` into a bundles directory) is not one, so a reader that lists only these
    /// never opens a file outside the directory it was given.
    public static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// A plan bundle's file name ending (`evlog bundle`): a log with the bundle's record appended.
    public static let bundleExtension = ".evb"

    private static func plansDirectory(home: String) -> String { PlanArchive(home: home).plansDirectory }
}

/// What `latest-failed` names: the newest failed plan that changes tools, if any, and the newer failed
/// `evlog run` recordings it passed over (newest first), so a command can say so.
public struct LatestFailure: Sendable {
    public let log: PlanLog?
    public let newerRecordings: [PlanLog]
}

/// A plan's log could not be found or read.
public enum PlanLogError: Error, Equatable, CustomStringConvertible {
    case noSuchPlan(String, known: [String])
    case noSuchLog(String)
    /// A path that is a symbolic link to nothing.
    case danglingLink(String, target: String)
    /// Not an id by `PlanID.grammar`, nor a path, nor `latest`.
    case invalidPlanID(String)
    case ambiguous(String, matches: [String])
    case noPlans(String)
    case noFailedPlan(String)
    case unreadable(path: String, reason: String)
    case running(path: String, pid: Int32)

    /// How many known ids a "no such plan" message lists.
    static let knownShownMax = 5

    static func unreadable(path: String, _ error: some Error) -> PlanLogError { .unreadable(path: path, reason: "\(error)") }

    public var description: String {
        switch self {
        case .noSuchPlan(let id, let known):
            "no plan '\(id)' in this evlog home" + (known.isEmpty ? "" : " (newest: \(known.reversed().joined(separator: ", ")); see `evlog list`)")
        case .noSuchLog(let path): "no log file at \(path)"
        case .danglingLink(let path, let target):
            "\(path) is a symbolic link to \(String(reflecting: target)), which does not exist; give the path of the log itself"
        case .invalidPlanID(let id):
            "'\(id.prefix(80))' is not a plan id (\(PlanID.grammar)); give an id from `evlog list`, `latest`, or the path of a .evlog file"
        case .ambiguous(let prefix, let matches):
            "'\(prefix)' matches \(matches.count) plans (\(matches.prefix(PlanLogError.knownShownMax).joined(separator: ", "))); type more of the id"
        case .noPlans(let directory): "no plans in \(directory); start one with `evlog install <tool>`"
        case .noFailedPlan(let directory): "no failed install, upgrade or uninstall plan in \(directory)"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .running(let path, let pid): "\(path) is being written by process \(pid)"
        }
    }
}
