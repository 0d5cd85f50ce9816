import Foundation
import InstallModel
import Testing

/// `evlog run` from a terminal lends it to the command: the command reads the keyboard itself (it is
/// interactive), and nothing typed is recorded (`TerminalRun`).
struct RunTerminalInputTests {
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aCommandReadsTheTerminalItselfAndNothingTypedIsRecorded(seed: UInt64) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        var generator = SplitMix64(seed: seed)
        let typed = "k" + String((0..<Int(8 + generator.next() % 40)).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 26))) })
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let status = try TerminalRun.evlogRun(#"read line; echo "read ${#line} characters""#, home: home, typed: typed)
        #expect(status == 0)
        let export = try ReadSideCommandTests.evlog(["export", "latest", "--jsonl", "--home", home.path]).text
        #expect(export.contains("read \(typed.count) characters"), "the command did not read the line typed: \(export)")
        #expect(!export.contains(typed), "what was typed is in the log")
    }
}
