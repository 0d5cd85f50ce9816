import EventLog

extension PlanLog {
    /// Where the log's blocks start, oldest first (block headers only): a reader that shows the end of
    /// a huge log starts at one of the last blocks and pages back one block at a time.
    public func blockStarts() throws(PlanLogError) -> [BlockStart] {
        let reader = try openReader()
        do {
            return try reader.blockStarts()
        } catch {
            throw .unreadable(path: path, error)
        }
    }

    /// The events from the block at `start` (one of `blockStarts()`) on, as a stream.
    ///
    /// A log read through the secret policy (not recorded under this revision: `PlanEventStream.readsAsStored`)
    /// goes on from `state`, the `policyState` a stream had when it reached `start`; with none, the policy
    /// starts there afresh, knowing nothing of what came before (a private key whose BEGIN line lay before
    /// `start` is not known to be one): the caller, who keeps such states per log, says where to start.
    /// `work`, when given, counts the bytes the stream passes through the policy.
    public func events(from start: BlockStart, resuming state: PolicyReadState?, work: PolicyWork? = nil) throws(PlanLogError) -> PlanEventStream {
        let reader = try openReader()
        reader.seek(to: start)
        return PlanEventStream(reader: reader, throughPolicy: readsThroughPolicy, resuming: state, work: work)
    }
}
