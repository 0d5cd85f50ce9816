import Diagnosis
import EvlogKit
import Foundation
import Rendering
import Synchronization

/// The `/fleet` page's summaries of the bundles directory, each kept until its file changes: a bundle is read
/// again only when its inode, size or modification time differ from those it had when it was summarised, so a
/// page of 40 hosts does not read 40 logs whole on every request. A file gone from the directory is forgotten.
final class FleetSummaries: Sendable {
    /// What identifies one version of a file, from `lstat` (taken before the file is read: a change while
    /// it is read shows on the next request).
    private struct Version: Equatable {
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }

    private let summaries = Mutex<[String: (version: Version, host: FleetHost)]>([:])
    private let catalog = Mutex<RuleCatalog?>(nil)

    /// One summary per bundle or log in `directory`, by path (`FleetExport.logPaths`).
    func hosts(directory: String) throws -> [FleetHost] {
        let catalog = try ruleCatalog()
        let paths = FleetExport.logPaths(in: directory)
        var hosts: [FleetHost] = []
        for path in paths {
            let version = Self.version(of: path)
            if let version, let kept = summaries.withLock({ $0[path] }), kept.version == version {
                hosts.append(kept.host)
                continue
            }
            let host = try FleetExport.host(path, catalog: catalog, writingReport: false)
            if let version { summaries.withLock { $0[path] = (version, host) } }
            hosts.append(host)
        }
        let present = Set(paths)
        summaries.withLock { $0 = $0.filter { present.contains($0.key) } }
        return hosts
    }

    /// The bundled rule catalog, loaded once.
    private func ruleCatalog() throws -> RuleCatalog {
        if let loaded = catalog.withLock({ $0 }) { return loaded }
        let loaded = try FleetExport.ruleCatalog()
        catalog.withLock { $0 = loaded }
        return loaded
    }

    private static func version(of path: String) -> Version? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        return Version(inode: UInt64(status.st_ino), size: Int64(status.st_size), seconds: status.st_mtim.tv_sec, nanoseconds: status.st_mtim.tv_nsec)
    }
}
