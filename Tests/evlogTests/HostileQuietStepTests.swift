import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kill -9` of `evlog run` while its child is quiet keeps what the child printed: the writer's flush
/// timer writes a block within FORMAT.md §3.3's 200 ms even when no more output comes.
@Suite(.serialized) struct HostileQuietStepTests {
    @Test(arguments: [0.3, 1.5, 10.0])
    func killNineAfterAQuietChildPrintedKeepsItsLine(secondsAfterPrinting: Double) async throws {
        try #require(ProcessTable.isAvailable, "needs Linux /proc to find evlog's child")
        let home = try EvlogHome.make()
        defer { home.remove() }
        let marker = "quiet-line-\(Int(secondsAfterPrinting * 10))"
        let evlog = try ChildProcess(
            [EvlogBinary.path, "run", "--home", home.path, "--no-color", "--",
             "sh", "-c", "printf '%s\\n' \(marker); exec sleep 30"],
            environment: Evlog.testEnvironment())
        // The child has printed once it has exec'd `sleep`; time is counted from there.
        let printed = await Machine.waitFor(timeoutSeconds: 60) {
            ProcessTable.descendants(of: evlog.pid).contains { ProcessTable.commandLine(of: $0) == ["sleep", "30"] }
        }
        try await Task.sleep(for: .milliseconds(Int(secondsAfterPrinting * 1000)))
        let children = ProcessTable.descendants(of: evlog.pid)
        evlog.send(SIGKILL)
        _ = await evlog.wait()
        ProcessTable.killAll(children)
        #expect(printed, "the child never reached `sleep 30`")

        guard let plan = home.onlyPlan() else { return }
        let log = try await home.export(plan)
        #expect(log.events("command_started", step: "run").count == 1, "command_started lost: \(log.text)")
        let text = log.events("output_chunk", step: "run").compactMap { $0.fields["text"] as? String }.joined()
        #expect(text.contains(marker), "the quiet child's line was lost \(secondsAfterPrinting) s after it was printed: \(log.text)")
    }
}
