import Foundation
import Rendering

/// Loading a plan's log for the read-side reports (what-ran, what-failed, critical-path, what-up).
enum ReadSide {
    /// The plan's timeline; damage at the end of the log is reported on stderr and the rest is used.
    static func timeline(_ plan: String, global: GlobalOptions) throws -> RunTimeline {
        let contents = try ArchiveAccess.contents(plan, home: global.homeDirectory)
        if let damage = contents.damage {
            Terminal.print("evlog: the log is \(damage.summary): \(damage.reason); reporting the \(contents.events.count) events before it", to: STDERR_FILENO)
        }
        return RunTimeline(events: contents.events)
    }
}

extension GlobalOptions {
    /// Colours only when they are allowed (see `useColor`).
    var textStyle: TextStyle { TextStyle(colored: useColor) }
}
