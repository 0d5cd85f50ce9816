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

    /// The events from the block at `start` on (one of `starts`, the log's `blockStarts()`, which the caller holds:
    /// they are not read again), as a stream.
    ///
    /// A log read through the secret policy (not recorded under this revision: `PlanEventStream.readsAsStored`)
    /// is read from up to `policyContextBytes` before `start`, handing nothing out: the policy's state across
    /// chunks (inside a private key block, a value cut at a chunk's end) is then the one a reader from the
    /// start has where `start` begins, and a window onto a log's end shows what `replay` shows (serve10 finding 2:
    /// the body of a key whose BEGIN line lay before the window was drawn in clear).
    public func events(from start: BlockStart, among starts: [BlockStart]) throws(PlanLogError) -> PlanEventStream {
        let reader = try openReader()
        let stream = PlanEventStream(reader: reader)
        if !stream.readsAsStored, start.firstRecordIndex > 0 {
            if let context = starts.first(where: { $0.offset >= start.offset - Self.policyContextBytes && $0.offset < start.offset }) {
                reader.seek(to: context)
                while stream.nextRecordIndex < start.firstRecordIndex, stream.next() != nil {}
                if stream.nextRecordIndex == start.firstRecordIndex { return stream }
            }
        }
        reader.seek(to: start)
        return stream
    }

    /// Bytes of stored log before a block that a policy-read stream passes through first (`events(from:among:)`): far
    /// more than any private key or held value spans.
    static let policyContextBytes: Int64 = 2 << 20
}
