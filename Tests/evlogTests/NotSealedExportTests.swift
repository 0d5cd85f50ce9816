import Foundation
import Testing

/// integrity18 #2: `export --jsonl` of a bundle with a forged tail carried it unflagged, and `import` made a log where
/// nothing marked it. Each event no seal covers is marked `"not_sealed"` on its line, and `import` keeps it apart (never
/// the plan's history), a mark that survives another export and import.
@Suite struct NotSealedExportTests {
    @Test func aForgedTailIsMarkedInTheExportAndKeptApartByEveryImport() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let bundle = host.home.path + "/forged.evb"
        #expect(try await host.evlog(["bundle", plan, "-o", bundle, "--home", host.home.path]).exitCode == 0)
        let whole = try await Self.export(bundle, host)
        #expect(!whole.contains("not_sealed"), "a bundle its seals cover is marked nowhere")
        _ = try UnsealedProposalTests.appendForgedProposal(to: bundle, id: "evil-fix")

        let lines = try await Self.export(bundle, host).split(separator: "\n")
        #expect(lines.filter { $0.contains(#""not_sealed":"after_final_seal""#) }.count == 1, "\(lines.suffix(2))")
        #expect(lines.last?.contains("evil-fix") == true && lines.last?.contains("not_sealed") == true)
        var file = bundle
        for hop in 1...2 {
            let jsonl = host.home.path + "/hop\(hop).jsonl"
            try (try await Self.export(file, host)).write(toFile: jsonl, atomically: true, encoding: .utf8)
            let home = host.home.path + "/import\(hop)"
            let imported = try await Evlog.run(["import", jsonl, "--json", "--home", home], environment: host.environment, mergeStandardError: false)
            #expect(imported.exitCode == 0 && imported.stdout.contains(#""not_sealed_kept_apart":1"#), "\(imported.allOutput)")
            let failed = try await Evlog.run(["what-failed", plan, "--home", home, "--no-color"], environment: host.environment, mergeStandardError: false)
            #expect(failed.exitCode != 2 && !failed.stdout.contains("evil-fix"), "hop \(hop): \(failed.allOutput)")
            file = home + "/plans/\(plan).evlog"
            let again = try await Self.export(file, host)
            #expect(again.split(separator: "\n").last?.contains(#""not_sealed":"kept_apart""#) == true, "hop \(hop): \(again.suffix(300))")
        }
    }

    /// A `not_sealed` value no export writes, or a marked `plan_created`, is refused with its line; nothing is imported.
    @Test func aMarkNoExportWritesIsRefused() async throws {
        let (host, plan) = try await RollbackCLITests.failedPlanOfAKeyedHome()
        defer { host.home.remove() }
        let lines = try await Self.export(host.home.path + "/plans/\(plan).evlog", host).split(separator: "\n").map(String.init)
        for (index, why) in [(3, "sealed"), (3, "\u{1b}[2J"), (0, "after_final_seal")] {
            var edited = lines
            edited[index] = String(edited[index].dropLast()) + ",\"not_sealed\":\(String(decoding: try JSONEncoder().encode(why), as: UTF8.self))}"
            let jsonl = host.home.path + "/edited.jsonl"
            try (edited.joined(separator: "\n") + "\n").write(toFile: jsonl, atomically: true, encoding: .utf8)
            let home = host.home.path + "/refused-\(index)-\(why.count)"
            let imported = try await Evlog.run(["import", jsonl, "--home", home], environment: host.environment, mergeStandardError: true)
            #expect(imported.exitCode == 2 && imported.stdout.split(separator: "\n").count == 1, "\(imported.stdout)")
            #expect(!imported.stdout.contains("\u{1b}") && imported.stdout.contains("not_sealed"), "\(imported.stdout.debugDescription)")
            #expect(!FileManager.default.fileExists(atPath: home + "/plans/\(plan).evlog"))
        }
    }

    static func export(_ file: String, _ host: KeyedHome) async throws -> String {
        let exported = try await Evlog.run(["export", file, "--jsonl"], environment: host.environment, mergeStandardError: false)
        #expect(exported.exitCode == 0, "\(exported.stderr)")
        return exported.stdout
    }
}
