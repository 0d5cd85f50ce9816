import Foundation
import Testing

@testable import Catalog

/// What `apt-get --simulate remove` answered, read from its captured output on Debian 12 (truth12 F18, F19): a held
/// package is named before anything runs, and apt's refusal to break other packages is an answer, not "apt did not
/// answer, try again".
@Suite struct AptRemovalAnswerTests {
    /// `apt-mark hold tree; apt-get -s remove -- tree` (Debian 12, 2026-12-07).
    static let heldRemoval = """
        Reading package lists...
        Building dependency tree...
        Reading state information...
        The following packages were automatically installed and are no longer required:
          debugedit libalpm13
        Use 'apt autoremove' to remove them.
        The following packages will be REMOVED:
          tree
        The following held packages will be changed:
          tree
        0 upgraded, 0 newly installed, 1 to remove and 109 not upgraded.
        Remv tree [2.1.0-1]
        """

    /// `apt-get -s remove -- openssl` on the same machine: exit 100.
    static let breaks = """
        Reading package lists...
        Building dependency tree...
        Reading state information...
         openjdk-17-jre : Depends: openjdk-17-jre-headless (= 17.0.21.1+2-1~deb12u1) but it is not going to be installed
        E: Error, pkgProblemResolver::Resolve generated breaks, this may be caused by held packages.
        """

    /// A directory holding an `apt-get` that prints `output` and exits `status`, as the probe runs it.
    static func standIn(printing output: String, status: Int32) throws -> String {
        let directory = NSTemporaryDirectory() + "evlog-aptsim-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(output.utf8).write(to: URL(fileURLWithPath: directory + "/output"))
        let script = "#!/bin/sh\ncat '\(directory)/output'\nexit \(status)\n"
        #expect(FileManager.default.createFile(atPath: directory + "/apt-get", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755]))
        return directory
    }

    @Test func aHeldPackageIsNamed() throws {
        let directory = try Self.standIn(printing: Self.heldRemoval, status: 0)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let removal = try #require(try AptRemovalProbe.removal(["tree"], searchPath: directory))
        #expect(removal.held == ["tree"])
        #expect(removal.others.isEmpty && removal.essential.isEmpty)
    }

    @Test func aRemovalThatBreaksOthersIsAptsAnswer() throws {
        let directory = try Self.standIn(printing: Self.breaks, status: 100)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: AptRemovalProbe.Refused.self) { try AptRemovalProbe.removal(["openssl"], searchPath: directory) }
        // Any other failure is still no answer.
        let locked = try Self.standIn(printing: "E: Could not get lock /var/lib/dpkg/lock-frontend", status: 100)
        defer { try? FileManager.default.removeItem(atPath: locked) }
        #expect(throws: AptRemovalProbe.Unanswered.self) { try AptRemovalProbe.removal(["openssl"], searchPath: locked) }
    }
}
