import Foundation
import InstallModel
import Testing

/// `evlog run` from a terminal lends it to the command: the command reads the keyboard itself (it is
/// interactive), and nothing typed is recorded. evlog runs in a pseudo-terminal that `script` makes its
/// controlling terminal, as a login shell's would be; what the test writes to `script` is typed there.
struct RunTerminalInputTests {
    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aCommandReadsTheTerminalItselfAndNothingTypedIsRecorded(seed: UInt64) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        var generator = SplitMix64(seed: seed)
        let typed = "k" + String((0..<Int(8 + generator.next() % 40)).map { _ in Character(UnicodeScalar(UInt8(97 + generator.next() % 26))) })
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        // The script is fixed; the paths reach it as environment variables.
        process.arguments = [
            "-q", "-e", "-c",
            #"exec "$EVLOG" run --yes --no-color --home "$EVLOG_TEST_HOME" -- sh -c 'read line; echo "read ${#line} characters"'"#,
            "/dev/null",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["EVLOG"] = ReadSideCommandTests.root.appendingPathComponent(".build/debug/evlog").path
        environment["EVLOG_TEST_HOME"] = home.path
        environment["SHELL"] = "/bin/sh"
        process.environment = environment
        let keyboard = Pipe()
        process.standardInput = keyboard
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        keyboard.fileHandleForWriting.write(Data((typed + "\n").utf8))
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try keyboard.fileHandleForWriting.close()
        #expect(process.terminationStatus == 0)
        let export = try ReadSideCommandTests.evlog(["export", "latest", "--jsonl", "--home", home.path]).text
        #expect(export.contains("read \(typed.count) characters"), "the command did not read the line typed: \(export)")
        #expect(!export.contains(typed), "what was typed is in the log")
    }
}
