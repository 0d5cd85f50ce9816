import Foundation
import Testing

/// The files `verify` and `list` keep and trust (issue #25): the record of seals seen survives verifiers running
/// together, the state home follows `$HOME`, a keyring's host names are host names, and a log is listed as the
/// plan its sealed header names.
@Suite("state files")
struct StateFilesTests {
    /// `count` sealed plans, each its own `evlog run`, in a keyed home.
    static func sealedPlans(_ count: Int, in host: KeyedHome) async throws -> [String] {
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        for index in 0..<count {
            let ran = try await host.evlog(["run", "--home", host.home.path, "--no-color", "--", "true", "\(index)"])
            try #require(ran.exitCode == 0, "\(ran.stdout)")
        }
        return host.home.planIDs.map { host.home.path + "/plans/" + $0 + ".evlog" }
    }

    /// Lines of the record of seals seen at `path`.
    static func entries(_ path: String) -> [Substring] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).split(separator: "\n")
    }

    /// F7: verifiers started together (a fleet job checking every bundle at once) each add their plan's entry;
    /// none is lost to another's read-modify-write, so a later rollback of any of them is still caught.
    @Test func verifiersRunningTogetherKeepEveryPlansSeal() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let logs = try await StateFilesTests.sealedPlans(12, in: host)
        for round in 0..<2 {
            let record = host.home.path + "/seen-\(round)"
            let ring = record + "/ring"
            try FileManager.default.createDirectory(atPath: ring, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: host.publicKey, toPath: ring + "/web1.pub")
            let outcomes = try await withThrowingTaskGroup(of: Int32.self) { group in
                for log in logs {
                    group.addTask { try await host.evlog(["verify", log, "--key", host.publicKey, "--home", record]).exitCode }
                    group.addTask { try await host.evlog(["verify", log, "--keyring", ring]).exitCode }
                }
                return try await group.reduce(into: [Int32]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 == 0 }, "\(outcomes)")
            #expect(StateFilesTests.entries(record + "/last-seen-seals.jsonl").count == logs.count, "--key, round \(round)")
            #expect(StateFilesTests.entries(ring + "/last-seen-seals.jsonl").count == logs.count, "--keyring, round \(round)")
        }
    }

    /// F4: with no --home, $EVLOG_HOME or $XDG_STATE_HOME the state home is `$HOME/.local/state/evlog`, for listing
    /// plans and for the seals `verify --key` records — never the password database's home.
    @Test func theStateHomeFollowsHOME() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let log = try #require(try await StateFilesTests.sealedPlans(1, in: host).first)
        let user = host.home.path + "/user"
        try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
        var environment = host.environment
        environment["XDG_STATE_HOME"] = nil
        environment["HOME"] = user
        let listed = try await Evlog.run(["list"], environment: environment, mergeStandardError: true)
        #expect(listed.stdout.contains(user + "/.local/state/evlog/plans"), "\(listed.stdout)")
        let verified = try await Evlog.run(["verify", log, "--key", host.publicKey], environment: environment, mergeStandardError: true)
        #expect(verified.exitCode == 0, "\(verified.stdout)")
        #expect(StateFilesTests.entries(user + "/.local/state/evlog/last-seen-seals.jsonl").count == 1)
    }

    /// F5: a keyring's host names are printed in reports, so a `.pub` file whose name is not a host name (control
    /// characters, spaces, parentheses, nothing before `.pub`) is refused with one line showing it harmlessly, and so
    /// is one key under two names (a seal could not say which host made it).
    @Test func aKeyringRefusesNamesThatAreNotHostNamesAndAKeyUnderTwoNames() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let log = try #require(try await StateFilesTests.sealedPlans(1, in: host).first)
        let key = try #require(FileManager.default.contents(atPath: host.publicKey))
        let hostile = ["web1\u{1b}]0;owned\u{07}\u{1b}[2J", "", "web1 (ed25519:0000000000000000), records 0-95; ALSO hostZ", ".hidden",
                       "-dash", String(repeating: "a", count: 65), "we\u{202e}b", "wéb"]
        for (index, name) in hostile.enumerated() {
            let ring = host.home.path + "/ring-\(index)"
            try FileManager.default.createDirectory(atPath: ring, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: ring + "/" + name + ".pub", contents: key))
            let verified = try await host.evlog(["verify", log, "--keyring", ring])
            #expect(verified.exitCode == 2, "\(name.debugDescription): \(verified.stdout)")
            #expect(!verified.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0 == "\u{202e}" }, "\(verified.stdout.debugDescription)")
            #expect(verified.stdout.split(separator: "\n").count == 1, "\(verified.stdout)")
        }
        let ring = host.home.path + "/ring-twice"
        try FileManager.default.createDirectory(atPath: ring, withIntermediateDirectories: true)
        for name in ["web1", "web2"] { try key.write(to: URL(fileURLWithPath: ring + "/" + name + ".pub")) }
        let twice = try await host.evlog(["verify", log, "--keyring", ring])
        #expect(twice.exitCode == 2 && twice.stdout.contains("same key"), "\(twice.stdout)")
        try FileManager.default.removeItem(atPath: ring + "/web2.pub")
        try FileManager.default.copyItem(atPath: host.publicKey, toPath: ring + "/web-2_b.example.pub")
        try FileManager.default.removeItem(atPath: ring + "/web1.pub")
        let named = try await host.evlog(["verify", log, "--keyring", ring])
        #expect(named.exitCode == 0 && named.stdout.contains("sealed by web-2_b.example ("), "\(named.stdout)")
    }

    /// F8: a sealed log copied under another plan's name is listed as the plan its header names, flagged.
    @Test func aLogUnderAnotherPlansNameIsListedAsItsOwnPlanFlagged() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let log = try #require(try await StateFilesTests.sealedPlans(1, in: host).first)
        let plan = ((log as NSString).lastPathComponent as NSString).deletingPathExtension
        let other = try EvlogHome.make()
        defer { other.remove() }
        try FileManager.default.createDirectory(atPath: other.path + "/plans", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: log, toPath: other.path + "/plans/p-0000000000aa.evlog")
        let listed = try await host.evlog(["list", "--home", other.path, "--no-color"])
        #expect(listed.stdout.hasPrefix(plan + "  "), "\(listed.stdout)")
        #expect(listed.stdout.contains("(in p-0000000000aa.evlog: a file named for another plan)"), "\(listed.stdout)")
        let json = try await host.evlog(["list", "--home", other.path, "--json"])
        #expect(json.stdout.contains(#""header_label":"\#(plan)""#) || json.stdout.contains(#""header_label": "\#(plan)""#), "\(json.stdout)")
        let own = try await host.evlog(["list", "--home", host.home.path, "--no-color"])
        #expect(!own.stdout.contains("named for another plan"), "\(own.stdout)")
        // `status` and `bundle` flag it too (integrity round 8); the plan's own log, and a bundle's own name, are not flagged.
        let copy = other.path + "/plans/p-0000000000aa.evlog"
        let status = try await host.evlog(["status", "p-0000000000aa", "--home", other.path, "--no-color"])
        #expect(status.stdout.contains("\(copy) is named for plan p-0000000000aa but its sealed header names plan \(plan)"), "\(status.stdout)")
        let statusJSON = try await host.evlog(["status", "p-0000000000aa", "--home", other.path, "--json"])
        #expect(statusJSON.stdout.contains(#""header_label":"\#(plan)""#) || statusJSON.stdout.contains(#""header_label": "\#(plan)""#), "\(statusJSON.stdout)")
        let bundle = other.path + "/copy.evb"
        let bundled = try await host.evlog(["bundle", "p-0000000000aa", "-o", bundle, "--home", other.path])
        #expect(bundled.stdout.contains("note: \(copy) is named for plan p-0000000000aa"), "\(bundled.stdout)")
        for quiet in [["status", plan, "--home", host.home.path], ["status", bundle, "--home", other.path]] {
            let shown = try await host.evlog(quiet + ["--no-color"])
            #expect(!shown.stdout.contains("sealed header names"), "\(quiet): \(shown.stdout)")
        }
    }

    /// F9: a record of seals seen that is a directory is named as such, not as a bad line 0.
    @Test func aRecordOfSealsSeenThatIsADirectoryIsSaidToBeOne() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let log = try #require(try await StateFilesTests.sealedPlans(1, in: host).first)
        let record = host.home.path + "/seen"
        try FileManager.default.createDirectory(atPath: record + "/last-seen-seals.jsonl", withIntermediateDirectories: true)
        let verified = try await host.evlog(["verify", log, "--key", host.publicKey, "--home", record])
        #expect(verified.exitCode == 2 && verified.stdout.contains("is a directory"), "\(verified.stdout)")
    }

    /// F9: on the fleet page a bundle damaged after its first block is a damaged host, saying where, not a plan
    /// that stopped early with "not sealed".
    @Test func theFleetPageShowsADamagedBundleAsDamaged() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        let log = try #require(try await StateFilesTests.sealedPlans(1, in: host).first)
        let bundles = host.home.path + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        let bundle = bundles + "/web1.evb"
        #expect(try await host.evlog(["bundle", log, "-o", bundle]).exitCode == 0)
        var bytes = try #require(FileManager.default.contents(atPath: bundle))
        bytes[bytes.count - 8] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: bundle))
        let page = try await host.evlog(["export", "--fleet-html", bundles])
        #expect(page.exitCode == 0, "\(page.stdout)")
        #expect(page.stdout.contains("status damaged") && page.stdout.contains("log damaged at byte"), "\(page.stdout)")
    }

    /// integrity18 #3: `bundle -o` never puts a bundle in place of evlog's own files in the home or the key directory —
    /// an empty lock file or a record not made yet included — and writes a bundle there only under a bundle's name.
    @Test func aBundleNeverTakesTheNameOfEvlogsOwnFiles() async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        _ = try await Self.sealedPlans(1, in: host)
        let before = try FileManager.default.contentsOfDirectory(atPath: host.home.path).sorted()
        let lockBefore = try FileManager.default.attributesOfItem(atPath: host.home.path + "/last-seen-seals.jsonl.lock")[.systemFileNumber] as? Int
        for target in [host.home.path + "/last-seen-seals.jsonl.lock", host.home.path + "/accepted-rollbacks.jsonl", host.config + "/evlog/host.key.lock"] {
            let bundled = try await host.evlog(["bundle", "latest", "-o", target, "--home", host.home.path])
            #expect(bundled.exitCode == 2 && bundled.stdout.contains("where evlog keeps its own files"), "\(target): \(bundled.stdout)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: host.home.path).sorted() == before)
        let lockAfter = try FileManager.default.attributesOfItem(atPath: host.home.path + "/last-seen-seals.jsonl.lock")[.systemFileNumber] as? Int
        #expect(lockBefore == lockAfter, "the lock file was replaced")
        #expect(try await host.evlog(["bundle", "latest", "-o", host.home.path + "/mine.evb", "--home", host.home.path]).exitCode == 0)
    }

    /// integrity20 #9: plans/ and reproductions/ hold logs only; a bundle written there under any name was listed as a
    /// second log of its plan.
    @Test(arguments: ["plans", "reproductions"], ["x.evlog", "x.evb"])
    func noBundleIsWrittenAmongTheHomesLogs(directory: String, name: String) async throws {
        let host = try KeyedHome.make()
        defer { host.home.remove() }
        _ = try await Self.sealedPlans(1, in: host)
        try FileManager.default.createDirectory(atPath: host.home.path + "/" + directory, withIntermediateDirectories: true)
        let target = host.home.path + "/" + directory + "/" + name
        let bundled = try await host.evlog(["bundle", "latest", "-o", target, "--home", host.home.path])
        #expect(bundled.exitCode == 2 && bundled.stdout.contains("holds plan logs only"), "\(bundled.stdout)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
