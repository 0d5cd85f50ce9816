import InstallModel
import Synchronization

/// The failures of evlog's own file work a log recorded (a write of `~/.bashrc` refused with EACCES, a full disk),
/// replayed in a reproduction as commands' outputs are: the reproduction's file system is simulated and gives no
/// such error by itself (repro20 #5). A step attempt the log shows failing so (`ReproductionOutline.ownFileFailures`)
/// fails at the first change of a file its recorded error names: the file itself, a directory on its way, or the hidden
/// temporary written beside it (`WholeFile`). The error thrown is the recorded one (the reason after evlog's own
/// words, `could not write PATH: `), so the executor words the failure as the original did.
public final class RecordedFileFailures: Sendable {
    /// The recorded errors by the `step_started` of the attempt that failed, until one is replayed.
    private let pending: Mutex<[UInt64: String]>
    /// The `step_started` of each step's running attempt.
    private let attempts = Mutex<[StepID: UInt64]>([:])

    /// `reasons`: the recorded failure reasons by the sequence number of their attempt's `step_started`.
    public init(_ reasons: [UInt64: String]) {
        pending = Mutex(reasons)
    }

    /// At the `step_started` with this sequence number: `step`'s attempt is that one.
    public func stepStarted(_ step: StepID, at sequence: UInt64) {
        attempts.withLock { $0[step] = sequence }
    }

    /// The recorded error of a running attempt when it names `path`, the file being changed; once.
    func failure(changing path: String) -> ReplayedFileError? {
        let running = attempts.withLock { Set($0.values) }
        return pending.withLock { pending in
            for attempt in running.sorted() {
                guard let reason = pending[attempt], let error = RecordedFileFailures.error(in: reason),
                    RecordedFileFailures.paths(in: error).contains(where: { RecordedFileFailures.names($0, path) })
                else { continue }
                pending[attempt] = nil
                return ReplayedFileError(description: error)
            }
            return nil
        }
    }

    /// The file system's error in a failure reason: what follows evlog's own words (`could not write PATH: `).
    static func error(in reason: String) -> String? {
        guard let colon = reason.firstRange(of: ": ") else { return nil }
        return String(reason[colon.upperBound...])
    }

    /// The absolute paths an error names (`open failed on /home/u/..bashrc.tmp-1-…: …`, `mkdir /opt/x failed …`).
    static func paths(in error: String) -> [String] {
        error.split(separator: " ").compactMap { word in
            let path = word.drop { $0 == "(" || $0 == "'" || $0 == "\"" }
            guard path.hasPrefix("/") else { return nil }
            return String(path.reversed().drop { ":;,)'\"".contains($0) }.reversed())
        }
    }

    /// Whether `named`, a path an error names, is `path`, a directory on its way, or the temporary written beside it.
    static func names(_ named: String, _ path: String) -> Bool {
        if named == path || path.hasPrefix(named + "/") { return true }
        guard let slash = path.lastIndex(of: "/"), named.hasPrefix(path[...slash]) else { return false }
        let name = named.dropFirst(path[...slash].count)
        return !name.contains("/") && name.hasPrefix("." + path[path.index(after: slash)...] + ".tmp-")
    }
}

/// A file system error a log recorded, thrown again in a reproduction (`RecordedFileFailures`): its description is the
/// recorded text.
public struct ReplayedFileError: Error, CustomStringConvertible {
    public var description: String
}
