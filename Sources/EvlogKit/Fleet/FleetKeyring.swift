import InstallModel
import Foundation
import Sealing

/// How the fleet pages (`export --fleet-html`, `serve --bundles`) decide that a bundle is the host its file name
/// says (integrity13 #3): checked against the fleet's keyring — `--keyring DIR`, or `keys/` beside the bundles,
/// where the README's Ansible role collects each host's `host.pub` — a bundle counts as host `web1`'s only when
/// `web1`'s key sealed it whole and it is not older than what was seen of that host (the records of seals seen kept
/// in the keyring: `LastSeenSeals` for copies of one log, `LastSeenHosts` for a host's earlier plans, #4). Without a
/// keyring only what a file proves on its own is checked (seals that fail, records after them, a bundle cut short),
/// and the page says the keys were not checked.
public struct FleetKeyring: Sendable {
    /// The keyring's directory, nil when there is none.
    public let directory: String?
    /// Its keys, or why they cannot be used.
    let keys: Result<TrustedKeys, SealingError>?

    /// Where a fleet's keys are when `--keyring` is not given: `keys/` in the bundles directory.
    public static let besideBundles = "keys"

    /// `keyring`, or `<bundles>/keys` when that is a directory; none otherwise.
    public init(bundles: String, keyring: String? = nil) {
        var isDirectory: ObjCBool = false
        let beside = bundles + "/" + FleetKeyring.besideBundles
        let chosen = keyring ?? (FileManager.default.fileExists(atPath: beside, isDirectory: &isDirectory) && isDirectory.boolValue ? beside : nil)
        directory = chosen
        keys = chosen.map { directory in
            Result<TrustedKeys, SealingError>(catching: { () throws(SealingError) in try TrustedKeys(keyringDirectory: directory) })
        }
    }

    /// The keys, or the one-line error a command that was given `--keyring` stops with.
    public func checked() throws(SealingError) {
        if case .failure(let error)? = keys { throw error }
    }

    /// What the seals of the bundle (or log) at `path`, named for host `name`, prove, and why it is not that host's
    /// whole, current bundle (nil when it is, or, without a keyring, when nothing in the file itself fails).
    /// `recording`: remember what it shows in the keyring's records (the fleet pages of `export` and `serve`); otherwise they are only read (`diagnose`).
    public func verdict(of path: String, host name: String, recording: Bool) -> (report: SealReport?, distrust: String?) {
        guard let keys else {
            guard let report = try? SealVerifier.verify(path: path) else { return (nil, "unverified: its seals cannot be read") }
            let problem = report.editFound ?? (report.isSealed ? report.bundle?.problem : nil)
            return (report, problem.map { "unverified: \($0)" })
        }
        let trusted: TrustedKeys
        switch keys {
        case .failure(let error): return (nil, "unverified: the keyring \(directory ?? "") cannot be used: \(error)")
        case .success(let ring): trusted = ring
        }
        guard var report = try? SealVerifier.verify(path: path, trusting: trusted) else { return (nil, "unverified: its seals cannot be read") }
        if let mismatch = FleetKeyring.hostMismatch(name: name, report: report, keys: trusted) { return (report, mismatch) }
        guard trusted.holds(host: name) else {
            if let entry = trusted.unusable.first(where: { $0.host == name }) { return (report, "unverified: host \(name)'s keyring entry is not used: \(entry.problem)") }
            return (report, "unverified: the keyring \(directory ?? "") has no key for host \(name) (\(name).pub)")
        }
        guard !report.failed else { return (report, "unverified: \(report.summary)") }
        // A host is ranked by its bundles' signed bundling time: a plain log (an older run's bundle with its last records
        // cut off is one) cannot be told from a rollback (integrity16 finding 3).
        guard report.bundle != nil else {
            return (report, "unverified: not a bundle (no signed bundling time to rank it against host \(name)'s newest bundle)")
        }
        do {
            report = try recorded(report, recording: recording)
        } catch {
            return (report, "unverified: \(error)")
        }
        return (report, report.failed ? report.summary : nil)
    }

    /// The keyring's hosts that have no file among `present` (file names without their ending), each with what the
    /// keyring's record says of its newest bundle seen (integrity16 finding 6: a bundle removed from the directory is
    /// the simplest rollback, and must not make its host vanish from the page).
    public func hostsWithoutFile(among present: Set<String>) -> [(host: String, newest: String?)] {
        guard case .success(let ring)? = keys, let directory else { return [] }
        let seen = try? LastSeenHosts(path: LastSeenHosts.path(in: directory))
        return ring.hostNames.filter { !present.contains($0) }.map { host -> (host: String, newest: String?) in
            (host: host, newest: seen?.newest(ofHost: host).map { "plan \($0.plan), bundled at \(Timestamp(microseconds: $0.bundledAt).utcText)" })
        }
    }

    /// The keyring's entries that were left out, each with its one-line error (none without a usable keyring).
    public var unusableEntries: [TrustedKeys.Unusable] {
        guard case .success(let ring)? = keys else { return [] }
        return ring.unusable
    }

    /// Why a file named for host `name` is not that host's: its last valid seal is another keyring host's key
    /// (`web2.evb` copied over `web1.evb`). Nil when it is the host's, or the keyring does not name the sealer.
    public static func hostMismatch(name: String, report: SealReport, keys: TrustedKeys) -> String? {
        guard keys.holds(host: name), let seal = report.lastValid, let sealer = keys.host(of: seal.fingerprint), sealer != name else { return nil }
        return "not this host's key: named for host \(name), but sealed by \(sealer) (\(seal.fingerprint))"
    }

    /// `report` checked against the keyring's records of seals seen (per log, then per host); recorded when `recording`
    /// (a record that cannot be written leaves the verdict as it is). A record that is not one throws.
    private func recorded(_ report: SealReport, recording: Bool) throws(SealingError) -> SealReport {
        guard let directory else { return report }
        let logs = LastSeenSeals.path(in: directory)
        let hosts = LastSeenHosts.path(in: directory)
        if recording {
            return try LastSeenHosts.check(try LastSeenSeals.check(report, recordedAt: logs).report, recordedAt: hosts).report
        }
        var seenLogs = try LastSeenSeals(path: logs)
        return try LastSeenHosts(path: hosts).check(seenLogs.check(report))
    }
}
