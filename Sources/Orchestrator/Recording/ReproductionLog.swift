import EventLog

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A reproduction's log being written (`PlanArchive.createReproduction`): on a hidden temporary in `reproductions/`,
/// put under its name only when the reproduction ended — matched, or stopped at a difference (`keep`). One cut short (a
/// signal, a write error: repro20 #2) is never a log there, whose open end `status` would take for the original's
/// process stopping: an error `discard`s it, a kill leaves only the temporary, which the next reproduction removes.
public struct ReproductionLog: Sendable {
    public let writer: LogWriter
    let pending: WholeFile.Pending

    /// Where the log is once kept.
    public var path: String { pending.path }

    /// Closes the log and puts it under its name; returns its path. One that cannot be kept is discarded.
    public func keep() throws -> String {
        do {
            try writer.close()
            try pending.commit(replacing: false)
        } catch {
            discard()
            throw error
        }
        unlink(LogWriter.lockFilePath(for: pending.temporary))
        return pending.path
    }

    /// Removes what was written: the reproduction did not reach an end.
    public func discard() {
        try? writer.close()
        pending.discard()
        unlink(LogWriter.lockFilePath(for: pending.temporary))
    }
}
