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

    /// The events from the block at `start` on (one of `blockStarts()`), as a stream.
    public func events(from start: BlockStart) throws(PlanLogError) -> PlanEventStream {
        let reader = try openReader()
        reader.seek(to: start)
        return PlanEventStream(reader: reader)
    }
}
