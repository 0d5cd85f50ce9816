import Foundation
import Testing

/// `evlog run` from a terminal (F14 of repro13): stdout written before stderr is recorded before it, or the
/// command's `command_finished` says the order is a guess. The command stops evlog (SIGSTOP) before it writes
/// and wakes it after, so evlog's reader finds every write at once, with the kernel's notices of two stdout
/// writes merged into one: what a loaded machine does now and then, here most runs (the stop lands a moment late
/// now and then, and the reader sees the writes apart: their order is then known). Before the fix, most runs recorded
/// `more` after `err` with no word of it.
struct RunTerminalOrderTests {
    /// Reads a typed line, stops the topmost evlog above it, writes, and wakes it again.
    static let command = #"""
        tty >/dev/null; read x; p=$PPID
        while [ "$(cat /proc/$(cut -d" " -f4 /proc/$p/stat)/comm)" = evlog ]; do p=$(cut -d" " -f4 /proc/$p/stat); done
        [ "$(cat /proc/$p/comm)" = evlog ] || exit 3
        kill -STOP $p; echo got=$x; echo more; echo err >&2; echo direct > /dev/tty; echo cleared; kill -CONT $p
        """#

    @Test(arguments: 1...4)
    func stdoutWrittenBeforeStderrUnderATerminalIsRecordedFirstOrAdmitted(run: Int) throws {
        #if os(Linux)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let status = try TerminalRun.evlogRun(Self.command, home: home, typed: "in")
        #expect(status == 0, "run \(run)")

        let records = try ReadSideCommandTests.evlog(["export", "latest", "--jsonl", "--home", home.path]).text
            .split(separator: "\n").compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let lines = records.filter { $0["type"] as? String == "output_chunk" }.flatMap { record in
            (record["text"] as? String ?? "").split(separator: "\n").map { "\(record["stream"] ?? ""):\($0)" }
        }
        let note = records.first { $0["type"] as? String == "command_finished" }?["output_order"] as? String
        #expect(Set(lines) == ["stdout:got=in", "stdout:more", "stderr:err", "stdout:cleared"], "run \(run): \(lines)")
        #expect(lines == ["stdout:got=in", "stdout:more", "stderr:err", "stdout:cleared"] || note != nil, "run \(run): \(lines), no output_order")
        #endif
    }
}
