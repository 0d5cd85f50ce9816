import InstallModel

extension PlanLog {
    /// Records read from a log's start to tell whether its writer sealed it: a sealing writer seals at its
    /// first state transition, the plan's creation.
    static let recordsBeforeFirstSeal = 16

    /// Whether the log's writer sealed it: a seal among its first records.
    func holdsSeals() throws(PlanLogError) -> Bool {
        let stream = PlanEventStream(reader: try openReader(), throughPolicy: readsThroughPolicy)
        for event in stream.prefix(Self.recordsBeforeFirstSeal) where Self.isSeal(event) { return true }
        return false
    }

    /// Whether the event right after the checkpoint numbered `sequence` is a seal.
    func isSealed(checkpoint sequence: UInt64) throws(PlanLogError) -> Bool {
        let reader = try openReader()
        do {
            // A checkpoint stored as parts is flagged on its first part (FORMAT.md §7.8); its seal follows the last.
            guard try reader.seekToLastCheckpoint(where: { payload in
                EventParts.firstPartSequence(payload).map { $0 == sequence } ?? (try? EventPayload.decode(payload)).map { $0.sequence == sequence } ?? false
            }) else { return false }
        } catch {
            throw .unreadable(path: path, error)
        }
        let stream = PlanEventStream(reader: reader, throughPolicy: readsThroughPolicy)
        _ = stream.next()
        return stream.next().map(Self.isSeal) ?? false
    }

    private static func isSeal(_ event: Event) -> Bool {
        if case .unknown(SealMarks.sealType) = event.body { return true }
        return false
    }
}
