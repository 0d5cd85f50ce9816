import Foundation
import Testing

@testable import Catalog

/// The uninstall's apt scripts run for real under /bin/sh, against stand-ins for `apt-get` and `dpkg-query` that keep
/// each package's dpkg state in a file (repro13 F8: a purge resumed after a kill left the package in `rc` and the plan
/// said done). Every combination of states is generated: the purge ends with no named package in `rc`, and the check
/// passes exactly when dpkg holds none of them installed (nor, purged, with configuration left).
@Suite struct AptRemovalTests {
    /// dpkg's `db:Status-Abbrev` of a package, or nil for one dpkg does not know.
    static let states: [String?] = ["ii ", "rc ", "un ", "pn ", "rH ", "iF ", nil]

    /// A directory of stand-ins and the package states they read and change.
    struct Machine {
        let root: String
        var bin: String { root + "/bin" }

        /// `apt-get VERB … -- NAMES`: `purge` of a half-removed package (`rH`) only removes it, as apt does; otherwise
        /// a purge leaves nothing and a remove leaves the configuration. Every call is appended to `calls`.
        static let aptGet = """
            #!/bin/sh
            echo "$*" >> "$EVLOG_TEST_STATES/calls"
            verb=$1
            while [ "$1" != "--" ]; do shift; done; shift
            for p do
              f="$EVLOG_TEST_STATES/$p"; [ -f "$f" ] || continue
              case "$verb:$(cat "$f")" in
                purge:rH*|remove:*) printf 'rc ' > "$f";;
                purge:*) printf 'pn ' > "$f";;
              esac
            done
            """

        static let dpkgQuery = """
            #!/bin/sh
            for p do :; done
            if [ -f "$EVLOG_TEST_STATES/$p" ]; then cat "$EVLOG_TEST_STATES/$p"; else echo "dpkg-query: no packages found matching $p" >&2; exit 1; fi
            """

        init(states: [String: String?]) throws {
            root = NSTemporaryDirectory() + "evlog-apt-removal-" + UUID().uuidString.prefix(8)
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            for (name, text) in [("apt-get", Self.aptGet), ("dpkg-query", Self.dpkgQuery)] {
                #expect(FileManager.default.createFile(atPath: bin + "/" + name, contents: Data(text.utf8), attributes: [.posixPermissions: 0o755]))
            }
            for case let (name, state?) in states { try state.write(toFile: root + "/" + name, atomically: false, encoding: .utf8) }
        }

        func state(_ name: String) -> String? { try? String(contentsOfFile: root + "/" + name, encoding: .utf8) }
        var aptCalls: Int { ((try? String(contentsOfFile: root + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").count }

        /// Runs `argv` (`sh -c SCRIPT …`) with the stand-ins first on PATH; its exit status.
        func run(_ argv: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = Array(argv.dropFirst())
            process.environment = ["PATH": bin + ":/usr/bin:/bin", "EVLOG_TEST_STATES": root]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static var statePairs: [(String?, String?)] { states.flatMap { first in states.map { (first, $0) } } }

    @Test(arguments: statePairs)
    func thePurgeLeavesNothingInRcAndItsCheckAgrees(first: String?, second: String?) throws {
        let machine = try Machine(states: ["pkg-a": first, "pkg-b": second])
        defer { machine.remove() }
        let argv = AptRemoval.argv(names: ["pkg-a", "pkg-b"], purging: true, lockWaitSeconds: 600)
        #expect(try machine.run(argv) == 0)
        let after = [machine.state("pkg-a"), machine.state("pkg-b")]
        #expect(after.allSatisfy { $0 == nil || $0?.dropFirst().first == "n" }, "\(after)")
        #expect(machine.aptCalls == ([first, second].contains("rH ") ? 2 : 1))
        let check = AptRemoval.checkArgv(binary: "evlog-test-no-such-command", names: ["pkg-a", "pkg-b"], purged: true)
        #expect(try machine.run(check) == 0)
    }

    @Test(arguments: states, [true, false])
    func theCheckPassesOnlyWhenDpkgHoldsThePackageAsAsked(state: String?, purged: Bool) throws {
        let machine = try Machine(states: ["pkg": state])
        defer { machine.remove() }
        let status = state?.dropFirst().first
        let gone = status == nil || status == "n" || (!purged && status == "c")
        #expect(try machine.run(AptRemoval.checkArgv(binary: "evlog-test-no-such-command", names: ["pkg"], purged: purged)) == (gone ? 0 : 1))
        #expect(try machine.run(AptRemoval.checkArgv(binary: "sh", names: ["pkg"], purged: purged)) == 1, "a command still on PATH passed")
    }

    @Test func removingKeepsConfigurationAndRunsAptOnce() throws {
        let machine = try Machine(states: ["pkg": "ii "])
        defer { machine.remove() }
        let argv = AptRemoval.argv(names: ["pkg"], purging: false, lockWaitSeconds: 600)
        #expect(argv.first == "apt-get" && argv.last == "pkg")
        #expect(try machine.run(["sh", "-c", "\"$@\"", "sh"] + argv) == 0)
        #expect(machine.state("pkg") == "rc " && machine.aptCalls == 1)
    }

    /// With the real apt and dpkg (root): a package with a conffile, removed so dpkg keeps it in `rc`, fails the purged
    /// check and passes the removed one; the purge script (simulated with `apt-get -s` first) leaves it purged, and the
    /// purged check then passes. Each change waits for dpkg's lock, as evlog's own apt steps do.
    @Test(.enabled(if: getuid() == 0 && ["apt-get", "dpkg", "dpkg-deb", "dpkg-query"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/" + $0) },
                   "needs root, apt-get, dpkg and dpkg-deb"))
    func theRealPurgeLeavesNoConfigurationAndItsCheckAgrees() throws {
        let package = "evlog-test-purge-rc"
        let root = NSTemporaryDirectory() + "evlog-purge-" + UUID().uuidString.prefix(8)
        let tree = root + "/pkg"
        defer {
            _ = try? Self.run(["apt-get", "purge", "-y", "-o", "DPkg::Lock::Timeout=300", "--", package])
            try? FileManager.default.removeItem(atPath: root)
        }
        for directory in ["/DEBIAN", "/etc", "/usr/bin"] {
            try FileManager.default.createDirectory(atPath: tree + directory, withIntermediateDirectories: true)
        }
        let control = "Package: \(package)\nVersion: 1.0\nArchitecture: all\nMaintainer: nobody <n@example.invalid>\nDescription: evlog test package\n"
        try control.write(toFile: tree + "/DEBIAN/control", atomically: true, encoding: .utf8)
        try "/etc/\(package).conf\n".write(toFile: tree + "/DEBIAN/conffiles", atomically: true, encoding: .utf8)
        try "setting = 1\n".write(toFile: tree + "/etc/\(package).conf", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho test\n".write(toFile: tree + "/usr/bin/\(package)", atomically: true, encoding: .utf8)
        #expect(try Self.run(["chmod", "-R", "0755", tree]) == 0)
        #expect(try Self.run(["dpkg-deb", "--build", "--root-owner-group", tree, root + "/p.deb"]) == 0)
        // Through apt, which waits for dpkg's lock as evlog's own steps do: another install holding it (a real-install
        // check, an unattended upgrade) no longer fails the test.
        let waiting = ["-o", "DPkg::Lock::Timeout=300"]
        #expect(try Self.run(["apt-get", "install", "-y"] + waiting + ["--", root + "/p.deb"]) == 0)
        #expect(try Self.run(["apt-get", "remove", "-y"] + waiting + ["--", package]) == 0)
        let purged = AptRemoval.checkArgv(binary: package, names: [package], purged: true)
        #expect(try Self.run(purged) == 1, "a package left in rc passed the purged check")
        #expect(try Self.run(AptRemoval.checkArgv(binary: package, names: [package], purged: false)) == 0)
        #expect(try Self.run(["apt-get", "-s", "purge", "-y", "--", package]) == 0)
        #expect(try Self.run(AptRemoval.argv(names: [package], purging: true, lockWaitSeconds: 300)) == 0)
        #expect(try Self.run(purged) == 0)
    }

    /// Runs `argv` (its first word looked up on /usr/bin:/bin), quietly, as apt runs unattended; its exit status.
    static func run(_ argv: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
