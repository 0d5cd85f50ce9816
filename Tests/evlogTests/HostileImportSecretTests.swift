import Foundation
import Testing

/// `evlog import` passes a file through the same secret policy as a run: a JSONL written by hand (or by
/// an older evlog) with secrets in the clear is stored redacted — argv, labels, plan parameters, output.
@Suite struct HostileImportSecretTests {
    @Test func importedSecretsAreStoredRedacted() async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let marker = "IMPORT-MARKER"
        let ran = try await Evlog.run(["run", "--home", source.path, "--no-color", "--", "echo", marker])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let plan = try #require(source.onlyPlan())
        let exported = try await source.export(plan).text
        #expect(exported.contains(marker))
        // Every place the marker was (plan_created label and argv, step_started, command_started, output)
        // now holds secrets in the clear, as a hand-written file could.
        let planted = exported.replacingOccurrences(of: marker, with: "--password Pw4Lk9qz token=Tk7Ux2mw Bearer Br5Yt8ns")
        let file = source.path + "/planted.jsonl"
        try Data(planted.utf8).write(to: URL(fileURLWithPath: file))

        let home = try EvlogHome.make()
        defer { home.remove() }
        let imported = try await Evlog.run(["import", file, "--home", home.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
        let stored = try await home.export(plan).text
        for secret in ["Pw4Lk9qz", "Tk7Ux2mw", "Br5Yt8ns"] {
            #expect(!stored.contains(secret), "\(secret) stored by import: \(stored)")
        }
        #expect(stored.contains("[redacted]"), "\(stored)")
        for reader in [["cat", plan], ["status", plan], ["what-ran", plan], ["replay", plan, "--instant"]] {
            let outcome = try await Evlog.run(reader + ["--home", home.path, "--no-color"])
            for secret in ["Pw4Lk9qz", "Tk7Ux2mw", "Br5Yt8ns"] {
                #expect(!outcome.allOutput.contains(secret), "\(reader[0]) shows \(secret): \(outcome.allOutput)")
            }
        }
    }

    @Test func aSecretSplitAcrossImportedChunksIsRedacted() async throws {
        let source = try EvlogHome.make()
        defer { source.remove() }
        let ran = try await Evlog.run(["run", "--home", source.path, "--no-color", "--", "echo", "CHUNK-A"])
        #expect(ran.exitCode == 0, "\(ran.allOutput)")
        let plan = try #require(source.onlyPlan())
        let log = try await source.export(plan)
        var events: [[String: Any]] = []
        for event in log.events where event.type != "checkpoint" {
            guard event.type == "output_chunk", (event.fields["text"] as? String)?.contains("CHUNK-A") == true else {
                events.append(event.fields)
                continue
            }
            // `password=` and its value in two chunks, the value itself cut in two.
            for text in ["login password=Sp1", "it9Vq done\n"] {
                var fields = event.fields
                fields["text"] = text
                events.append(fields)
            }
        }
        let lines = try events.enumerated().map { index, fields in
            var fields = fields
            fields["seq"] = index + 1
            return String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
        }
        let file = source.path + "/split.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let home = try EvlogHome.make()
        defer { home.remove() }
        let imported = try await Evlog.run(["import", file, "--home", home.path])
        #expect(imported.exitCode == 0, "\(imported.allOutput)")
        let stored = try await home.export(plan).text
        #expect(!stored.contains("Sp1") && !stored.contains("it9Vq"), "\(stored)")
        #expect(stored.contains("done"), "\(stored)")
    }
}
