import Foundation
import InstallModel

extension PlanLog {
    /// Names every read command accepts besides ids and paths.
    public static let latestName = "latest"
    public static let latestFailedName = "latest-failed"

    /// Finds a plan's log from what a user typed: a path (contains `/` or ends in `.evlog`), `latest`
    /// (the log written last), `latest-failed` (the newest whose plan failed), a plan id, or a prefix
    /// of exactly one plan id under `home`.
    public static func open(_ reference: String, home: String) throws(PlanLogError) -> PlanLog {
        if reference.contains("/") || reference.hasSuffix(fileExtension) || reference.hasSuffix(bundleExtension) {
            guard FileManager.default.fileExists(atPath: reference) else { throw .noSuchLog(reference) }
            return PlanLog(path: reference)
        }
        let logs = all(home: home)
        switch reference {
        case latestName:
            guard let newest = logs.last else { throw .noPlans(plansDirectory(home: home)) }
            return newest
        case latestFailedName:
            let failed = logs.reversed().first { (try? $0.stateFromLastCheckpoint().status) == .failed }
            guard let failed else { throw .noFailedPlan(plansDirectory(home: home)) }
            return failed
        default:
            // An id (or a prefix of one) is one path component: `..` or a name with odd bytes is refused, not looked up.
            guard PlanID(reference).isWellFormed else { throw .invalidPlanID(reference) }
            if let exact = logs.first(where: { $0.id.rawValue == reference }) { return exact }
            let matches = logs.filter { $0.id.rawValue.hasPrefix(reference) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { throw .ambiguous(reference, matches: matches.map(\.id.rawValue).sorted()) }
            throw .noSuchPlan(reference, known: logs.suffix(PlanLogError.knownShownMax).map(\.id.rawValue))
        }
    }

    /// The logs under `home`, oldest write first (newest last, as `evlog list` shows them).
    public static func all(home: String) -> [PlanLog] {
        all(inDirectory: plansDirectory(home: home))
    }

    /// The `.evlog` logs and `.evb` bundles directly in `directory`, oldest write first.
    public static func all(inDirectory directory: String) -> [PlanLog] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let logs = names.filter { $0.hasSuffix(fileExtension) || $0.hasSuffix(bundleExtension) }.map { PlanLog(path: directory + "/" + $0) }
        let dated = logs.map { ($0, $0.modifiedAt ?? .distantPast) }
        return dated.sorted { $0.1 == $1.1 ? $0.0.path < $1.0.path : $0.1 < $1.1 }.map(\.0)
    }

    /// The logs and bundles of a directory, or of its `plans/` folder when it is an evlog home
    /// (`diagnose DIR --summary`, `export --fleet-html DIR`).
    public static func all(inDirectoryOrHome directory: String) -> [PlanLog] {
        var isHome: ObjCBool = false
        let plans = plansDirectory(home: directory)
        return all(inDirectory: FileManager.default.fileExists(atPath: plans, isDirectory: &isHome) && isHome.boolValue ? plans : directory)
    }

    /// A plan bundle's file name ending (`evlog bundle`): a log with the bundle's record appended.
    public static let bundleExtension = ".evb"

    private static func plansDirectory(home: String) -> String { PlanArchive(home: home).plansDirectory }
}

/// A plan's log could not be found or read.
public enum PlanLogError: Error, Equatable, CustomStringConvertible {
    case noSuchPlan(String, known: [String])
    case noSuchLog(String)
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
        case .invalidPlanID(let id):
            "'\(id.prefix(80))' is not a plan id (\(PlanID.grammar)); give an id from `evlog list`, `latest`, or the path of a .evlog file"
        case .ambiguous(let prefix, let matches):
            "'\(prefix)' matches \(matches.count) plans (\(matches.prefix(PlanLogError.knownShownMax).joined(separator: ", "))); type more of the id"
        case .noPlans(let directory): "no plans in \(directory); start one with `evlog install <tool>`"
        case .noFailedPlan(let directory): "no failed plan in \(directory)"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        case .running(let path, let pid): "\(path) is being written by process \(pid)"
        }
    }
}
