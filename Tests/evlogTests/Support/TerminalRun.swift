import Foundation

/// `evlog run` in a pseudo-terminal that `script` makes its controlling terminal, as a login shell's would be: what
/// the test writes to `script` is typed there.
enum TerminalRun {
    /// Runs `evlog run --yes --no-color --home HOME -- sh -c COMMAND` under `script`, types `typed` and a newline, and
    /// returns `script`'s exit status (once it ends, or is ended after 60 s). The command line is fixed; the paths and
    /// the command reach it as environment variables.
    static func evlogRun(_ command: String, home: URL, typed: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = [
            // Not `exec`: evlog is not script's own child. util-linux `script` stops itself when its child stops and
            // waits to be continued, so a command that stops evlog (RunTerminalOrderTests) left script stopped for
            // good whenever script saw evlog stopped before it was woken again.
            "-q", "-e", "-c", #""$EVLOG" run --yes --no-color --home "$EVLOG_TEST_HOME" -- sh -c "$COMMAND"; exit $?"#, "/dev/null",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["EVLOG"] = ReadSideCommandTests.root.appendingPathComponent(".build/debug/evlog").path
        environment["EVLOG_TEST_HOME"] = home.path
        environment["COMMAND"] = command
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
        // SIGKILL: a `script` stopped by its terminal (SIGTTOU, a run started in the background of a shell with job
        // control) ignores SIGTERM until continued, and the test then waited for ever.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try keyboard.fileHandleForWriting.close()
        return process.terminationStatus
    }
}
