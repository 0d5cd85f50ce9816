import Foundation
import Testing

/// Logs that did not come from a run under this home: a file from elsewhere or an import is read-only
/// until it verifies with a key the user names; what an imported log says is shown, never obeyed by the
/// terminal; a simulated install is not something evlog installed.
@Suite("hostile foreign logs")
struct HostileForeignLogTests {
    typealias Host = KeyedHome

    @Test func aLogFromOutsideTheHomeRunsOnlyWhenSealedByTheNamedKey() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let plan = try await host.failedPlan()
        let stranger = try Host.make(mergeStandardError: false, noColor: true)
        defer { stranger.home.remove() }
        #expect(try await stranger.evlog(["key", "generate"]).exitCode == 0)
        let foreign = stranger.home.path + "/from-elsewhere.evlog"
        try FileManager.default.copyItem(atPath: host.home.path + "/plans/\(plan).evlog", toPath: foreign)

        for command in ["resume", "remedy"] {
            let arguments = command == "resume" ? [command, foreign] : [command, foreign, "apt-update"]
            let refused = try await stranger.evlog(arguments + ["--yes", "--home", stranger.home.path])
            #expect(refused.exitCode == 2 && ChildOutcome.lines(refused.stderr).count == 1, "\(command): \(refused.allOutput)")
            #expect(refused.stderr.contains("--key PUB") && refused.stderr.contains("read-only"), "\(command): \(refused.stderr)")
            let wrongKey = try await stranger.evlog(arguments + ["--yes", "--home", stranger.home.path, "--key", stranger.publicKey])
            #expect(wrongKey.exitCode == 2 && wrongKey.stderr.contains("does not verify"), "\(command): \(wrongKey.allOutput)")
        }
        let unasked = try await stranger.evlog(["resume", foreign, "--home", stranger.home.path, "--key", host.publicKey])
        #expect(unasked.exitCode == 2 && unasked.stderr.contains("pass --yes"), "\(unasked.allOutput)")
        #expect(unasked.stdout.contains("Plan \(plan)"), "the plan is shown before anything is asked: \(unasked.stdout)")
        // What will run, not only the log's own labels and risks (integrity10 finding 2).
        #expect(unasked.stdout.contains("rg --version") && unasked.stdout.contains("Risk:"), "the commands are shown: \(unasked.stdout)")
        let trusted = try await stranger.evlog(["resume", foreign, "--yes", "--home", stranger.home.path, "--key", host.publicKey])
        #expect(!trusted.stderr.contains("read-only") && !trusted.stderr.contains("does not verify"), "\(trusted.allOutput)")
        #expect(trusted.stdout.contains("resuming plan \(plan)"), "\(trusted.allOutput)")
    }

    /// A host with no key cannot seal what it would run after another key's final seal, so no view of its home could count
    /// it (trust19 #6: a real install in no history): `resume`/`remedy` of a log from elsewhere says to generate a key
    /// first, before anything is shown, copied or run.
    @Test func aHostWithoutAKeyContinuesNoLogFromElsewhere() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let plan = try await host.failedPlan()
        let keyless = try Host.make(mergeStandardError: false, noColor: true)
        defer { keyless.home.remove() }
        let foreign = keyless.home.path + "/from-elsewhere.evlog"
        try FileManager.default.copyItem(atPath: host.home.path + "/plans/\(plan).evlog", toPath: foreign)
        for command in [["resume", foreign], ["remedy", foreign, "apt-update"]] {
            let refused = try await keyless.evlog(command + ["--yes", "--home", keyless.home.path, "--key", host.publicKey])
            #expect(refused.exitCode == 2 && ChildOutcome.lines(refused.stderr).count == 1, "\(command[0]): \(refused.allOutput)")
            #expect(refused.stderr.contains("`evlog key generate`"), "\(command[0]): \(refused.stderr)")
            #expect(!refused.stdout.contains("resuming plan"), "\(command[0]): \(refused.stdout)")
            #expect(!FileManager.default.fileExists(atPath: keyless.home.path + "/plans/\(plan).evlog"), "\(command[0]) made a copy")
        }
        #expect(try await keyless.evlog(["key", "generate"]).exitCode == 0)
        let trusted = try await keyless.evlog(["resume", foreign, "--yes", "--home", keyless.home.path, "--key", host.publicKey])
        #expect(trusted.stdout.contains("resuming plan \(plan)"), "with a key of its own it continues: \(trusted.allOutput)")
    }

    /// A bundle is evidence (integrity attack round 8, F5): `remedy` and `resume` of it with the key that sealed it
    /// continue a copy in this home's plans/ and say where; the bundle stays byte for byte as it was, still verifies,
    /// and a second run from it is refused while the copy is there.
    @Test func aBundleContinuedElsewhereStaysAsItWasAndTheRunGoesToACopy() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let bundle = host.home.path + "/host.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: bundle))
        for command in [["remedy", bundle, "dpkg-configure-retry"], ["resume", bundle]] {
            let other = try Host.make(mergeStandardError: false, noColor: true)
            defer { other.home.remove() }
            #expect(try await other.evlog(["key", "generate"]).exitCode == 0)
            let arguments = command + ["--yes", "--home", other.home.path, "--key", host.publicKey]
            let ran = try await other.evlog(arguments)
            let copy = other.home.path + "/plans/\(plan).evlog"
            #expect(ran.exitCode != 2 && ran.stderr.contains("continues in a copy of it: \(copy)"), "\(command[0]): \(ran.allOutput)")
            #expect(ran.stdout.contains("log: \(copy)"), "\(command[0]): \(ran.stdout)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: bundle)) == bytes, "\(command[0]) wrote into the bundle")
            // Only read (integrity18 #7): nothing made beside it, so a bundle in a directory the user cannot write continues too.
            #expect(!FileManager.default.fileExists(atPath: bundle + ".lock"), "\(command[0]) made a lock file beside the bundle")
            #expect(try Data(contentsOf: URL(fileURLWithPath: copy)).count > bytes.count, "\(command[0]): the copy holds the run")
            // The home saw the copy go further than the bundle; without that record, the copy is still there.
            let again = try await other.evlog(arguments)
            #expect(again.exitCode == 2 && again.stderr.contains("already seen here"), "\(command[0]): \(again.allOutput)")
            try FileManager.default.removeItem(atPath: other.home.path + "/last-seen-seals.jsonl")
            let copied = try await other.evlog(arguments)
            #expect(copied.exitCode == 2 && copied.stderr.contains("\(copy) exists"), "\(command[0]): \(copied.allOutput)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: bundle)) == bytes)
        }
        #expect(try await host.evlog(["verify", bundle, "--key", host.publicKey, "--home", host.home.path]).exitCode == 0)
    }

    /// A log from elsewhere that carries the id of a plan this home created (its log pruned) is not continued under
    /// that id: the copy would be read as this home's history (integrity11 finding 11).
    @Test func aForeignLogUnderAnIdThisHomeUsedIsRefused() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let bundle = host.home.path + "/host.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let other = try Host.make(mergeStandardError: false, noColor: true)
        defer { other.home.remove() }
        #expect(try await other.evlog(["key", "generate"]).exitCode == 0)
        // This home once created a plan of that id, whose log is gone.
        try Data("\(plan)\n".utf8).write(to: URL(fileURLWithPath: other.home.path + "/created-plans"))
        let refused = try await other.evlog(["resume", bundle, "--yes", "--home", other.home.path, "--key", host.publicKey])
        #expect(refused.exitCode == 2 && refused.stderr.contains("is one this home created"), "\(refused.allOutput)")
        #expect(!FileManager.default.fileExists(atPath: other.home.path + "/plans/\(plan).evlog"))
    }

    /// Another host's sealed log copied into this home's plans/: its seals say where it came from, so it is
    /// read-only whether this host has no key or another one; the host's own sealed log resumes as before.
    @Test func aLogSealedByAnotherKeyIsForeignEvenInsidePlans() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["key", "generate"]).exitCode == 0)
        let plan = try await host.failedPlan()
        for strangerHasKey in [false, true] {
            let stranger = try Host.make(mergeStandardError: false, noColor: true)
            defer { stranger.home.remove() }
            if strangerHasKey { #expect(try await stranger.evlog(["key", "generate"]).exitCode == 0) }
            try FileManager.default.createDirectory(atPath: stranger.home.path + "/plans", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: host.home.path + "/plans/\(plan).evlog", toPath: stranger.home.path + "/plans/\(plan).evlog")
            for command in ["resume", "remedy"] {
                let arguments = command == "resume" ? [command, plan] : [command, plan, "apt-update"]
                let refused = try await stranger.evlog(arguments + ["--yes", "--home", stranger.home.path])
                #expect(refused.exitCode == 2 && ChildOutcome.lines(refused.stderr).count == 1, "\(command), key \(strangerHasKey): \(refused.allOutput)")
                #expect(refused.stderr.contains("--key PUB") && refused.stderr.contains("sealed"), "\(command): \(refused.stderr)")
            }
            // With a key of its own, this host then refuses to add its seals after another key's; with none, it could not
            // seal what it ran at all, and says to make a key first (trust19 #6).
            guard !strangerHasKey else { continue }
            let keyless = try await stranger.evlog(["resume", plan, "--yes", "--home", stranger.home.path, "--key", host.publicKey])
            #expect(keyless.exitCode == 2 && keyless.stderr.contains("`evlog key generate`"), "\(keyless.allOutput)")
        }
        let own = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        #expect(!own.stderr.contains("--key") && own.exitCode != 2, "\(own.allOutput)")
    }

    /// Without a host key nothing seals a log, so only the home's record of the plans it created tells its own logs
    /// from one copied into plans/: the copy is refused (one line, exit 2, nothing run); the own log resumes.
    @Test func anUnsealedLogCopiedIntoPlansIsRefused() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let plan = try await host.failedPlan()
        let stranger = try Host.make(mergeStandardError: false, noColor: true)
        defer { stranger.home.remove() }
        // The stranger's home has plans of its own (and so a record of them) before the copy arrives.
        _ = try await stranger.failedPlan()
        try FileManager.default.copyItem(atPath: host.home.path + "/plans/\(plan).evlog", toPath: stranger.home.path + "/plans/\(plan).evlog")
        for command in ["resume", "remedy"] {
            let arguments = command == "resume" ? [command, plan] : [command, plan, "apt-update"]
            let refused = try await stranger.evlog(arguments + ["--yes", "--home", stranger.home.path])
            #expect(refused.exitCode == 2 && ChildOutcome.lines(refused.stderr).count == 1, "\(command): \(refused.allOutput)")
            #expect(refused.stderr.contains("not written here") && refused.stderr.contains("evlog import"), "\(command): \(refused.stderr)")
            #expect(!refused.stdout.contains("resuming"), "\(command): \(refused.stdout)")
        }
        let own = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        #expect(!own.stderr.contains("not written here") && own.exitCode != 2, "\(own.allOutput)")
    }

    /// Logs whose header names no home (rendering fixtures, captured from real runs before headers named their
    /// home), unsealed: one the home's record lists (written while the record existed but before homes named
    /// themselves) resumes as its own; one it does not list is refused — whether it was copied in after the home's
    /// first run or before it (an old home's own log cannot be told from a copy, so it is foreign too: N13).
    @Test func aLogNamingNoHomeIsTheHomesOnlyWhenItsRecordListsIt() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let fixtures = EvlogBinary.parent(of: EvlogBinary.parent(of: EvlogBinary.parent(of: #filePath))) + "/Fixtures/logs/rendering/"
        let plans = host.home.path + "/plans/"
        try FileManager.default.createDirectory(atPath: plans, withIntermediateDirectories: true)
        let (listed, before, after) = ("p-647d2380309d", "p-f9fc99de8f03", "p-0123456789ab")
        try FileManager.default.copyItem(atPath: fixtures + "done.evlog", toPath: plans + listed + ".evlog")
        try FileManager.default.copyItem(atPath: fixtures + "failed.evlog", toPath: plans + before + ".evlog")
        try Data((listed + "\n").utf8).write(to: URL(fileURLWithPath: host.home.path + "/created-plans"))
        _ = try await host.evlog(["list", "--home", host.home.path])
        try FileManager.default.copyItem(atPath: fixtures + "failed.evlog", toPath: plans + after + ".evlog")
        for copied in [before, after] {
            let refused = try await host.evlog(["resume", copied, "--yes", "--home", host.home.path])
            #expect(refused.exitCode == 2 && refused.stderr.contains("not written here"), "\(copied): \(refused.allOutput)")
        }
        let record = (try? String(contentsOfFile: host.home.path + "/created-plans", encoding: .utf8)) ?? ""
        #expect(record.split(separator: "\n") == [Substring(listed)], "\(record)")
        let resumed = try await host.evlog(["resume", listed, "--yes", "--home", host.home.path])
        #expect(!resumed.stderr.contains("not written here"), "\(resumed.allOutput)")
    }

    /// A log's header names the home whose run created it: copied into a home that has no record yet (not even
    /// plans of its own), it is refused all the same, and it resumes in the home that wrote it.
    @Test func aLogNamingAnotherHomeIsRefusedBeforeAnyRecord() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let plan = try await host.failedPlan()
        let stranger = try Host.make(mergeStandardError: false, noColor: true)
        defer { stranger.home.remove() }
        try FileManager.default.createDirectory(atPath: stranger.home.path + "/plans", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: host.home.path + "/plans/\(plan).evlog", toPath: stranger.home.path + "/plans/\(plan).evlog")
        let refused = try await stranger.evlog(["resume", plan, "--yes", "--home", stranger.home.path])
        #expect(refused.exitCode == 2 && refused.stderr.contains("not written here"), "\(refused.allOutput)")
        let own = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        #expect(!own.stderr.contains("not written here") && own.exitCode != 2, "\(own.allOutput)")
    }

    @Test func anImportedLogIsReadOnly() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let plan = try await host.failedPlan()
        let file = host.home.path + "/plan.jsonl"
        try Data(try await host.home.export(plan).text.utf8).write(to: URL(fileURLWithPath: file))
        let other = try Host.make(mergeStandardError: false, noColor: true)
        defer { other.home.remove() }
        #expect(try await other.evlog(["import", file, "--home", other.home.path]).exitCode == 0)
        let resumed = try await other.evlog(["resume", plan, "--yes", "--home", other.home.path])
        #expect(resumed.exitCode == 2 && resumed.stderr.contains("imported") && resumed.stderr.contains("--key"), "\(resumed.allOutput)")
        #expect(try await other.evlog(["status", plan, "--home", other.home.path]).exitCode == 1, "reading it still works")
        // The home's own plan, the same events: resumed as before.
        let own = try await host.evlog(["resume", plan, "--yes", "--home", host.home.path])
        #expect(!own.stderr.contains("--key"), "\(own.allOutput)")
    }

    @Test func aSimulatedInstallIsNotAnInstalledTool() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "jq"]).exitCode == 0)
        let uninstall = try await host.evlog(["uninstall", "--dry-run", "--json", "--home", host.home.path, "jq"])
        #expect(!uninstall.allOutput.contains("remove"), "\(uninstall.allOutput)")
        #expect(uninstall.exitCode == 1 && uninstall.stderr.contains("only in a simulation"), "\(uninstall.allOutput)")
        let outdated = try await host.evlog(["outdated", "--json", "--home", host.home.path])
        #expect(outdated.exitCode == 0 && !outdated.stdout.contains("\"jq\""), "\(outdated.allOutput)")
        let upgrade = try await host.evlog(["upgrade", "--dry-run", "--home", host.home.path])
        #expect(upgrade.exitCode == 1 && upgrade.stderr.contains("no tools to upgrade"), "\(upgrade.allOutput)")
    }

    /// A simulated install's export with its `simulation` field taken out, imported elsewhere: the events
    /// claim jq was installed, but they ran on another machine (or nowhere), so nothing acts on them.
    @Test func anImportedLogIsNotInstallHistory() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        #expect(try await host.evlog(["install", "--simulate", "--yes", "--home", host.home.path, "jq"]).exitCode == 0)
        let plan = try #require(host.home.onlyPlan())
        let forged = try await host.home.export(plan).text.split(separator: "\n").map { line -> String in
            guard var event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  var created = event["plan"] as? [String: Any] else { return String(line) }
            created["simulation"] = nil
            event["plan"] = created
            return String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self)
        }.joined(separator: "\n")
        let file = host.home.path + "/forged.jsonl"
        try Data(forged.utf8).write(to: URL(fileURLWithPath: file))
        let other = try Host.make(mergeStandardError: false, noColor: true)
        defer { other.home.remove() }
        let imported = try await other.evlog(["import", file, "--home", other.home.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
        let uninstall = try await other.evlog(["uninstall", "--dry-run", "--json", "--home", other.home.path, "jq"])
        // jq may be on this machine from elsewhere; the imported plan is never the reason to remove it.
        #expect(!uninstall.allOutput.contains(plan), "\(uninstall.allOutput)")
        let upgrade = try await other.evlog(["upgrade", "--dry-run", "--home", other.home.path])
        #expect(upgrade.exitCode == 1 && upgrade.stderr.contains("no tools to upgrade"), "\(upgrade.allOutput)")
    }

    /// The acceptance check's edit (escapes in a step id and labels; not inside the fault spec, whose `=`
    /// the hostile text would break) and more: every command that prints
    /// from the log shows them escaped.
    @Test func theCommandsOfTheEvlogTargetShowAnImportedLogsEscapesVisibly() async throws {
        let host = try Host.make(mergeStandardError: false, noColor: true)
        defer { host.home.remove() }
        let plan = try await host.failedPlan()
        let hostile = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\r\nFAKE: plan done ok=true\u{9B}2J\u{202E}"
        let exported = try await host.home.export(plan).text
        let encoded = String(decoding: try JSONSerialization.data(withJSONObject: [hostile]), as: UTF8.self).dropFirst(2).dropLast(2)
        let labelled = exported.split(separator: "\n").map { line in
            line.replacingOccurrences(of: "\"label\":\"", with: "\"label\":\"" + encoded)
        }.joined(separator: "\n")
        let other = try Host.make(mergeStandardError: false, noColor: true)
        defer { other.home.remove() }
        // The acceptance check's edit: the hostile text in a step id too. The import keeps the record (it runs nothing);
        // resume refuses an imported log (and with --key judges its step ids: ForeignPlanPolicy), naming nothing raw.
        let file = host.home.path + "/hostile.jsonl"
        try Data(labelled.replacingOccurrences(of: "\"verify-ripgrep\"", with: "\"verify-ripgrep" + encoded + "\"").utf8)
            .write(to: URL(fileURLWithPath: file))
        let imported = try await other.evlog(["import", file, "--home", other.home.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
        let resumed = try await other.evlog(["resume", "--yes", plan, "--home", other.home.path])
        #expect(resumed.exitCode == 2 && resumed.stderr.contains("so it is read-only here"), "\(resumed.allOutput)")
        #expect(!resumed.allOutput.unicodeScalars.contains { $0.value == 0x1B }, "\(resumed.allOutput)")
        let commands = [["status"], ["list"], ["diagnose", plan], ["remedy", plan], ["what-failed"], ["what-ran"], ["what-up"],
                        ["critical-path"], ["replay", "--instant"], ["status", "--json"], ["list", "--json"], ["what-failed", "--json"],
                        ["replay", "--instant", "--json"]]
        for command in commands {
            let outcome = try await other.evlog(command + ["--home", other.home.path])
            let acting = outcome.allOutput.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) || $0.properties.isBidiControl
            }
            #expect(acting.isEmpty, "\(command): \(acting.map { String($0.value, radix: 16) })")
        }
        let status = try await other.evlog(["status", "--home", other.home.path])
        #expect(status.stdout.contains("verify-ripgrep\\x1b]0;PWNED\\x07\\x1b[2J\\r\\nFAKE"), "\(status.stdout)")
    }
}

extension KeyedHome {
    /// A simulated ripgrep install whose verify step failed; returns its plan id.
    func failedPlan() async throws -> String {
        _ = try await evlog(["install", "--simulate", "--yes", "--home", home.path, "--fault", "verify-ripgrep=fail", "ripgrep"])
        return try #require(home.onlyPlan())
    }
}
