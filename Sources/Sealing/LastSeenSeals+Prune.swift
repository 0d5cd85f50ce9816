import EventLog

/// Logs that are gone leave the record of seals seen (`evlog prune`): their lines would only make every reader and
/// the first seal of every writer read more, and a removed log has no later copy to be told apart from.
extension LastSeenSeals {
    /// The identity the record keys the log at `path` by (`SealPoint.log`: the digest of its first seal), read up to
    /// that seal only; nil when the log has no seal or cannot be read.
    public static func identity(ofLogAt path: String) -> [UInt8]? {
        guard let reader = try? LogReader(path: path) else { return nil }
        while let digest = try? reader.withNextRecord({ _, payload in SealRecord.decode(payload).map { _ in SealRecord.digest(payload) } }) {
            if let digest { return digest }
        }
        return nil
    }

    /// Drops the entries of the logs `identities` names from the record at `path`. Returns why the record could not
    /// be written, if it could not.
    public static func forget(_ identities: [[UInt8]], recordedAt path: String) throws(SealingError) -> String? {
        let gone = Set(identities.map { Hex.encode($0) })
        guard !gone.isEmpty else { return nil }
        return try update(recordedAt: path) { seen in seen.entries.removeAll { $0.log.map(gone.contains) ?? false } }
    }
}
