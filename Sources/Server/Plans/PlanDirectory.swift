import Foundation
import InstallModel
import Orchestrator

/// The plans a request may name: the logs in the home's `plans/`, or the bundles and logs of the
/// `--bundles` directory. A name must be one the directory lists (a bundle's file name may hold any
/// character, a space or `?` too); it is never joined to a path, so nothing outside can be reached.
public struct PlanDirectory: Sendable {
    /// An evlog home (its `plans/`), or a directory of other hosts' bundles and logs.
    public enum Place: Sendable { case home(String), bundles(String) }
    public let place: Place

    public init(_ place: Place) { self.place = place }

    /// Every log there that is a regular file of its own, oldest write first: a symbolic link (a host that
    /// drops `linked.evb -> /etc/shadow` into the bundles directory) is not listed, so it is never opened.
    public var logs: [PlanLog] {
        let all: [PlanLog] = switch place {
        case .home(let home): PlanLog.all(home: home)
        case .bundles(let directory): PlanLog.all(inDirectoryOrHome: directory)
        }
        return all.filter { PlanLog.isRegularFile($0.path) }
    }

    /// The log named `name`; nil when no such log is there. What it shows is read through the secret policy when it
    /// comes from elsewhere, whatever its header says of the policy that recorded it (`PlanLog.throughPolicy`): every
    /// bundle and log of the bundles directory, and a log of the home whose header names another home (serve20 #2).
    public func log(named name: String) -> PlanLog? {
        // A bundle (`host.evb`) goes by its file name without the extension, as the fleet page names it, unless a
        // log of that exact name is there too (`host.evlog` beside it): then the bundle goes by its whole name.
        let all = logs
        guard let log = all.first(where: { $0.id.rawValue == name }) ?? all.first(where: { $0.id.rawValue == name + PlanLog.bundleExtension })
        else { return nil }
        switch place {
        case .bundles: return log.throughPolicy()
        case .home(let home):
            guard let creator = log.creatingHome, creator != HomeIdentity(archive: PlanArchive(home: home)).existing else { return log }
            return log.throughPolicy()
        }
    }
}
