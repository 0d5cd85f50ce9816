import EventLog
import Foundation
import Orchestrator

extension PlanLog {
    /// Whether the file begins with the evlog magic (`LogFormat.magic`): false for a file that is no evlog log
    /// or bundle at all (a note, an archive dropped among the bundles), which is then named, never quoted.
    /// A file that cannot be opened counts as a log here: reading it says why it is unreadable.
    public var startsAsALog: Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? file.close() }
        return (try? file.read(upToCount: LogFormat.magic.count)).map { Array($0) == LogFormat.magic } ?? true
    }
}
