import Crypto
import Diagnosis
import EvlogKit
import Foundation
import Rendering
import Synchronization

/// The `/fleet` page's summaries of the bundles directory, each kept under the SHA-256 of the bytes it was
/// made from: every request hashes each bundle as it is now (`BundleSnapshot`, streamed), and a bundle whose
/// digest differs from its summary's is copied privately and summarised from that copy, so no verdict is ever
/// shown for bytes that were not the ones checked (serve16 #11: a cache keyed on inode, size and modification
/// time kept "done" for a bundle edited in place with its time put back). Hashing is far cheaper than
/// summarising (reading every event, diagnosing, verifying seals), so a page of 40 hosts is still fast.
/// Each bundle is checked against the fleet's keyring (`FleetKeyring`: `keys/` in the directory), as
/// `export --fleet-html` checks it (serve20 #1: the private copy was checked against no keyring, so a swapped bundle
/// or a stranger's showed "done"); a summary is kept under the keyring's digest too, so a key added or replaced is
/// checked again. A file gone from the directory is forgotten.
///
/// `/fleet` makes its summaries one pass at a time, each on a thread of its own (`FleetPass`): the global dispatch
/// pool, one thread per core, stays free for pages and for the signals that stop the server (serve20 #5 and #7: two
/// passes over big bundles took both of its threads, and every page waited).
final class FleetSummaries: Sendable {
    private let summaries = Mutex<[String: (digest: [UInt8], keys: [UInt8], host: FleetHost)]>([:])
    private let catalog = Mutex<RuleCatalog?>(nil)
    private let made = Atomic<Int>(0)

    /// How many summaries were made (not taken from those kept) since the server started.
    var summariesMade: Int { made.load(ordering: .relaxed) }

    /// One summary per bundle or log in `directory`, by path (`FleetExport.logPaths`), then a row for each host of the
    /// keyring beside them that has none and for each keyring entry left out (`FleetExport.keyringRows`). `stopped` is asked between bundles and while
    /// one is read: once the asker has gone, nothing more is read. `progress` is told how many of the files are done.
    func hosts(
        directory: String, stopped: () -> Bool = { false }, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) throws -> [FleetHost] {
        let catalog = try ruleCatalog()
        let paths = FleetExport.logPaths(in: directory)
        let keyring = FleetKeyring(bundles: directory)
        let keys = Self.digest(ofKeyring: keyring.directory)
        var hosts: [FleetHost] = []
        for (done, path) in paths.enumerated() {
            progress(done, paths.count)
            if stopped() { throw CancellationError() }
            if let digest = BundleSnapshot.digest(of: path), let kept = summaries.withLock({ $0[path] }), kept.digest == digest, kept.keys == keys {
                hosts.append(kept.host)
                continue
            }
            hosts.append(try summary(of: path, catalog: catalog, keyring: keyring, keys: keys, stopped: stopped))
        }
        let present = Set(paths)
        summaries.withLock { $0 = $0.filter { present.contains($0.key) } }
        return hosts + FleetExport.keyringRows(besides: hosts, keyring: keyring)
    }

    /// The summary of a private copy of `path`, kept under the digest of the bytes copied; a file that cannot
    /// be copied is summarised where it is (`FleetExport.host` says it is unreadable) and nothing is kept.
    private func summary(of path: String, catalog: RuleCatalog, keyring: FleetKeyring, keys: [UInt8], stopped: () -> Bool) throws -> FleetHost {
        made.add(1, ordering: .relaxed)
        var template = Array((NSTemporaryDirectory() + "/evlog-fleet-XXXXXX").utf8CString)
        guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            return try FleetExport.host(path, catalog: catalog, writingReport: false, keyring: keyring, stopped: stopped)
        }
        defer { rmdir(directory) }
        guard let snapshot = BundleSnapshot.copy(of: path, into: directory), let copy = snapshot.copy else {
            unlink(directory + "/" + (path as NSString).lastPathComponent)
            return try FleetExport.host(path, catalog: catalog, writingReport: false, keyring: keyring, stopped: stopped)
        }
        defer { unlink(copy) }
        let host = try FleetExport.host(copy, catalog: catalog, writingReport: false, keyring: keyring, stopped: stopped)
        summaries.withLock { $0[path] = (snapshot.digest, keys, host) }
        return host
    }

    /// The SHA-256 of the keyring's files (their names and contents: the keys and the records of seals seen), empty
    /// without a keyring.
    static func digest(ofKeyring directory: String?) -> [UInt8] {
        guard let directory, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var hasher = SHA256()
        for name in names.sorted() {
            hasher.update(data: Array(name.utf8) + [0])
            hasher.update(data: BundleSnapshot.digest(of: directory + "/" + name) ?? [])
        }
        return Array(hasher.finalize())
    }

    /// The bundled rule catalog, loaded once.
    private func ruleCatalog() throws -> RuleCatalog {
        if let loaded = catalog.withLock({ $0 }) { return loaded }
        let loaded = try FleetExport.ruleCatalog()
        catalog.withLock { $0 = loaded }
        return loaded
    }
}
