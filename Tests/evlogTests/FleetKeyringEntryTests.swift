import Foundation
import Testing

/// integrity18 #4: one bad file in a fleet's keyring (`bundles/keys/`) stopped the whole fleet page and `verify
/// --keyring` (rc 2). A bad entry is named on its own line and left out; the other hosts are still checked, and a host
/// whose own entry is bad is not verified, saying why.
@Suite struct FleetKeyringEntryTests {
    @Test func aBadKeyringEntryIsNamedAndTheOtherHostsAreStillChecked() async throws {
        let fleet = try await FleetKeyringTests.Fleet.make()
        defer { fleet.remove() }
        try await fleet.bundle(fleet.web1, running: ["true"], to: fleet.bundles + "/web1.evb")
        try await fleet.bundle(fleet.web2, running: ["true"], to: fleet.bundles + "/web2.evb")
        #expect(mkfifo(fleet.keys + "/web3.pub", 0o644) == 0)
        try Data("junk\n".utf8).write(to: URL(fileURLWithPath: fleet.keys + "/x y.pub"))

        let page = try await fleet.page()
        #expect(page.contains("2 done") && page.contains("0 not verified"), "\(page)")
        #expect(page.contains("Keyring entries not used (2)") && page.contains("web3.pub") && page.contains("x?y.pub"), "\(page)")
        let verified = try await fleet.web1.evlog(["verify", fleet.bundles + "/web1.evb", "--keyring", fleet.keys])
        #expect(verified.exitCode == 0 && verified.stdout.contains("sealed by web1 ("), "\(verified.stdout)")
        let warnings = verified.stdout.split(separator: "\n").filter { $0.contains("keyring entry is not used") }
        #expect(warnings.count == 2 && warnings.contains { $0.contains(fleet.keys + "/web3.pub") }, "\(verified.stdout)")

        try Data("junk\n".utf8).write(to: URL(fileURLWithPath: fleet.keys + "/web1.pub"))
        let without = try await fleet.page()
        #expect(without.contains("1 done") && without.contains("1 not verified"), "\(without)")
        #expect(without.contains("host web1's keyring entry is not used: '\(fleet.keys)/web1.pub' is not an Ed25519 public key"), "\(without)")
        let refused = try await fleet.web1.evlog(["verify", fleet.bundles + "/web1.evb", "--keyring", fleet.keys])
        #expect(refused.exitCode == 1, "\(refused.stdout)")
    }
}
