import Catalog
import Foundation
import InstallModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// As root an overlay (`--catalog`, `EVLOG_CATALOG`) is read only when only root can change it, its `recipes/` and
/// every file in it (trust20 #4): one place on it drawn from a seed is given to another user or opened to a group or
/// everyone, and the load is refused naming that place; the same overlay locked loads.
struct OverlayOwnershipTests {
    static let recipe = "ownership-tool:\n  description: x\n  binary: ownershipbin\n  verify: {pattern: \"^x\"}\n  methods:\n    - packages: {apt: jq}\n"

    static let repository = """
        ownership-repo:
          apt:
            key_url: https://apt.example.invalid/key.asc
            key_fingerprint: "9DC8 5822 9FC7 DD38 854A  E2D8 8D81 803C 0EBF CD88"
            keyring: /etc/apt/keyrings/ownership-repo.gpg
            source: "deb [signed-by=/etc/apt/keyrings/ownership-repo.gpg] https://apt.example.invalid stable main"
            source_path: /etc/apt/sources.list.d/ownership-repo.list

        """

    @Test(.enabled(if: geteuid() == 0, "needs root to own and chown files"))
    func anOverlayAnotherUserCanChangeIsRefusedAsRoot() throws {
        var random = SplitMix64(seed: 20_004)
        let places = ["", "/recipes", "/recipes/a.yaml", "/repos.yaml"]
        let changes: [(mode: Int, owner: uid_t, group: gid_t)] = [
            (0o755, LockedPathTests.otherUser, 0), (0o775, 0, LockedPathTests.otherGroup), (0o777, 0, 0), (0o1777, 0, 0),
        ]
        for round in 0..<10 {
            let root = try LockedPathTests.lockedRoot()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let overlay = root + "/overlay"
            try FileManager.default.createDirectory(atPath: overlay + "/recipes", withIntermediateDirectories: true)
            try Data(Self.recipe.utf8).write(to: URL(fileURLWithPath: overlay + "/recipes/a.yaml"))
            try Data(Self.repository.utf8).write(to: URL(fileURLWithPath: overlay + "/repos.yaml"))
            for place in places { LockedPathTests.set(overlay + place, mode: place.hasSuffix(".yaml") ? 0o644 : 0o755) }
            #expect(try TestSupport.catalog.overlaid(by: overlay).recipes["ownership-tool"] != nil, "round \(round): locked")
            let place = places[Int(random.next() % UInt64(places.count))]
            var change = changes[Int(random.next() % UInt64(changes.count))]
            if place.hasSuffix(".yaml") { change.mode &= 0o777 }
            LockedPathTests.set(overlay + place, mode: change.mode, owner: change.owner, group: change.group)
            do {
                _ = try TestSupport.catalog.overlaid(by: overlay)
                Issue.record("round \(round): \(place) with \(change) loaded")
            } catch {
                let message = "\(error)"
                #expect(message.hasPrefix(overlay + ": running as root, evlog will not read this catalog overlay: "), "\(message)")
                #expect(message.contains(overlay + place), "\(message)")
                #expect(!message.contains("\n"))
            }
        }
    }
}
