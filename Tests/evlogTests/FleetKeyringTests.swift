import Foundation
import Testing

/// integrity13 #3 and #4: the fleet page checks each `NAME.evb` against host NAME's key in the fleet's keyring
/// (`bundles/keys/`, or `--keyring`), and both it and `verify --keyring` flag a host's older bundle of an earlier
/// plan put back as its current one (the keyring's `last-seen-hosts.jsonl`).
@Suite struct FleetKeyringTests {
    /// Two hosts with their own keys, a bundles directory with `keys/web1.pub` and `keys/web2.pub`, and a third key
    /// (an attacker's) in no keyring.
    struct Fleet {
        let web1: KeyedHome
        let web2: KeyedHome
        let stranger: KeyedHome
        var bundles: String { web1.home.path + "/bundles" }
        var keys: String { bundles + "/keys" }

        static func make() async throws -> Fleet {
            let fleet = Fleet(web1: try KeyedHome.make(), web2: try KeyedHome.make(), stranger: try KeyedHome.make())
            try FileManager.default.createDirectory(atPath: fleet.keys, withIntermediateDirectories: true)
            for (name, host) in [("web1", fleet.web1), ("web2", fleet.web2), ("stranger", fleet.stranger)] {
                #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
                if name != "stranger" { try FileManager.default.copyItem(atPath: host.publicKey, toPath: fleet.keys + "/\(name).pub") }
            }
            return fleet
        }

        func remove() { [web1, web2, stranger].forEach { $0.home.remove() } }

        /// A new plan on `host` (`run -- COMMAND`), bundled to `output`.
        func bundle(_ host: KeyedHome, running command: [String], to output: String) async throws {
            _ = try await host.evlog(["run", "--home", host.home.path, "--no-color", "--"] + command)
            let bundled = try await host.evlog(["bundle", "latest", "-o", output, "--home", host.home.path])
            #expect(bundled.exitCode == 0, "\(bundled.stdout)")
        }

        /// The fleet page, its tags removed.
        func page(_ extra: [String] = []) async throws -> String {
            let page = try await web1.evlog(["export", "--fleet-html", bundles] + extra)
            #expect(page.exitCode == 0, "\(page.stdout)")
            return page.stdout.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression).replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    /// Each way a file can claim to be web1's and not be: web2's bundle copied over it, a bundle sealed by a key in no
    /// keyring, one cut short (its final seal and bundle_info gone), one with 4 KB of zeros after its final seal, and a host the keyring has no key for. Each is
    /// listed as not verified, saying why, and not counted done; web2's own bundle is.
    @Test(arguments: ["swapped", "stranger", "cut", "zeros", "no key"])
    func aBundleThatIsNotItsHostsIsNotVerifiedAndNotCountedDone(_ case_: String) async throws {
        let fleet = try await Fleet.make()
        defer { fleet.remove() }
        try await fleet.bundle(fleet.web2, running: ["true"], to: fleet.bundles + "/web2.evb")
        let web1 = fleet.bundles + "/web1.evb"
        switch case_ {
        case "swapped": try FileManager.default.copyItem(atPath: fleet.bundles + "/web2.evb", toPath: web1)
        case "stranger": try await fleet.bundle(fleet.stranger, running: ["true"], to: web1)
        case "cut":
            try await fleet.bundle(fleet.web1, running: ["true"], to: web1)
            let bytes = try #require(FileManager.default.contents(atPath: web1))
            // Cut back to the log's blocks before the bundle's last block: a bundle whose end is gone.
            try bytes.prefix(bytes.count - 200).write(to: URL(fileURLWithPath: web1))
        case "zeros":
            try await fleet.bundle(fleet.web1, running: ["true"], to: web1)
            let handle = try #require(FileHandle(forWritingAtPath: web1))
            handle.seekToEndOfFile()
            handle.write(Data(count: 4096))
            handle.closeFile()
        default:
            try await fleet.bundle(fleet.web1, running: ["true"], to: web1)
            try FileManager.default.removeItem(atPath: fleet.keys + "/web1.pub")
        }
        let page = try await fleet.page()
        #expect(page.contains("1 done") && page.contains("1 not verified"), "\(page)")
        #expect(page.contains("Not verified (1 of 2 hosts)"), "\(page)")
        let why = ["swapped": "not this host's key: named for host web1, but sealed by web2", "stranger": "unverified: ",
                   "cut": "unverified: ", "zeros": "no seal covers the damaged bytes", "no key": "has no key for host web1"][case_] ?? ""
        #expect(page.contains(why), "\(page)")
        #expect(page.contains("each bundle checked against its host's key in \(fleet.keys)"), "\(page)")
    }

    /// Without a keyring nothing is checked against a key, and the page says so; a bundle whose seals fail on their
    /// own (a record appended after the final seal) is still not verified.
    @Test func withoutAKeyringThePageSaysTheKeysWereNotChecked() async throws {
        let fleet = try await Fleet.make()
        defer { fleet.remove() }
        try FileManager.default.removeItem(atPath: fleet.keys)
        try await fleet.bundle(fleet.web2, running: ["true"], to: fleet.bundles + "/web2.evb")
        let page = try await fleet.page()
        #expect(page.contains("keys not checked: no keyring") && page.contains("1 done"), "\(page)")
        let withRing = try await fleet.web1.evlog(["export", "--fleet-html", fleet.bundles, "--keyring", fleet.web1.home.path + "/nowhere"])
        #expect(withRing.exitCode == 2 && withRing.stdout.contains("holds no <host>.pub file"), "\(withRing.stdout)")
    }

    /// #4: Monday's bundle (done) then Tuesday's (failed) of web1 are seen; Monday's put back as web1.evb is rolled
    /// back for `verify --keyring` and on the fleet page, until the user accepts it.
    @Test func anEarlierPlansBundlePutBackIsRolledBack() async throws {
        let fleet = try await Fleet.make()
        defer { fleet.remove() }
        let current = fleet.bundles + "/web1.evb"
        let monday = fleet.web1.home.path + "/monday.evb"
        try await fleet.bundle(fleet.web1, running: ["true"], to: current)
        #expect(try await fleet.web1.evlog(["verify", current, "--keyring", fleet.keys]).exitCode == 0)
        try FileManager.default.copyItem(atPath: current, toPath: monday)
        try await fleet.bundle(fleet.web1, running: ["false"], to: current)
        #expect(try await fleet.web1.evlog(["verify", current, "--keyring", fleet.keys]).exitCode == 0)
        #expect(try await fleet.page().contains("1 failed"))

        try FileManager.default.removeItem(atPath: current)
        try FileManager.default.copyItem(atPath: monday, toPath: current)
        let verified = try await fleet.web1.evlog(["verify", current, "--keyring", fleet.keys, "--json"])
        #expect(verified.exitCode == 1, "\(verified.stdout)")
        #expect(verified.stdout.contains(#""why": "rolled_back""#) && verified.stdout.contains("the newest bundle seen of web1"), "\(verified.stdout)")
        let page = try await fleet.page()
        #expect(page.contains("0 done") && page.contains("1 not verified") && page.contains("rolled back"), "\(page)")

        let accepted = try await fleet.web1.evlog(["verify", current, "--keyring", fleet.keys, "--accept-rollback"])
        #expect(accepted.exitCode == 0, "\(accepted.stdout)")
        #expect(try await fleet.web1.evlog(["verify", current, "--keyring", fleet.keys]).exitCode == 0)
    }
}
