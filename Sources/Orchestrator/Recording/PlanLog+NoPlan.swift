import EventLog
import InstallModel

/// Why a log holds no plan: a log left by a writer killed as it created it (whole or absent: such a file is no plan,
/// and `latest` and `list` pass over it), or a first record that is not a `plan_created` this evlog can read.
extension PlanLog {
    /// Whether no writer holds the log and the file ends before its first record (`LogReader.endsBeforeFirstRecord`):
    /// what a writer killed as it created the log leaves. Nothing was recorded in it, so nothing ran from it.
    public var isStillborn: Bool { !writer.isRunning && LogReader.endsBeforeFirstRecord(path: path) }

    /// "X holds no plan (why)" for a stillborn log (what the read commands say of it instead of reading it), else nil.
    public var stillbornNote: String? {
        isStillborn ? "\(path) holds no plan (\(noPlanReason ?? "it ends before its first record"))" : nil
    }

    /// The reason, for "X holds no plan (…)", that the log holds no plan; nil when its first record is a
    /// `plan_created` (or is stored in parts) or the log cannot be read (the caller says so).
    public var noPlanReason: String? {
        if isStillborn {
            return "the file ends before its first record, as a writer killed while it created the log leaves it: nothing ran "
                + "from it; `evlog prune` or rm removes it"
        }
        guard let reader = try? LogReader(path: path) else { return nil }
        let first = try? reader.withNextRecord { _, payload -> Result<Event, EventDecodingError>? in
            guard payload.first != EventParts.tag else { return nil }
            return Result { () throws(EventDecodingError) in try EventPayload.decode(payload) }
        }
        switch first {
        case .success(let event)??:
            if case .planCreated = event.body { return nil }
            return "its first record is a \(event.body.typeName) event, not plan_created"
        case .failure(let error)??:
            return "its first record does not decode as plan_created: \(error)"
        case nil, .some(nil):
            return reader.damage == nil ? "it holds no record" : nil
        }
    }
}
