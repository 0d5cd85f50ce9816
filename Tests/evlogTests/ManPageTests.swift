import Foundation
import Testing

/// The committed man page (Docs/evlog.1, written by Tools/generate-man) covers every subcommand the
/// binary's help lists: a command added without regenerating the page fails here.
@Suite struct ManPageTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Docs/evlog.1")

    @Test func everySubcommandInTheHelpHasAnEntryInTheManPage() async throws {
        let manual = try String(contentsOf: Self.page, encoding: .utf8)
        let help = try await Evlog.run(["--help"])
        #expect(help.exitCode == 0)
        let section = help.stdoutLines.drop { $0 != "SUBCOMMANDS:" }.dropFirst().prefix { !$0.isEmpty }
        let names = section.compactMap { line -> String? in
            // "  what-failed             Show …": a name at two spaces; continuation lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        #expect(names.count > 20, "subcommands parsed from --help: \(names)")
        let entries = Set(manual.split(separator: "\n").filter { $0.hasPrefix(".It Em ") }.map { String($0.dropFirst(".It Em ".count)) })
        let missing = names.filter { !entries.contains($0) }
        #expect(missing.isEmpty, "not in Docs/evlog.1 (run Tools/generate-man): \(missing)")
    }

    /// evlog's own sections (Docs/evlog.1.sections) replace the plugin's generic EXIT STATUS, and every exit
    /// code the commands use is explained there.
    @Test func theManPageHasExitStatusEnvironmentAndFiles() throws {
        let manual = try String(contentsOf: Self.page, encoding: .utf8)
        for section in [".Sh \"EXIT STATUS\"", ".Sh ENVIRONMENT", ".Sh FILES"] {
            #expect(manual.contains(section + "\n"), "Docs/evlog.1 has no \(section) (run Tools/generate-man)")
        }
        #expect(!manual.contains(".Ex -std"), "the generic exit-status sentence is still there")
        // The codes README and ExitCodes.swift promise: ok, failed, usage, paused, interrupted.
        for code in [0, 1, 2, 3, 130] {
            #expect(manual.contains(".It \(code)\n"), "exit status \(code) is not explained")
        }
    }
}
