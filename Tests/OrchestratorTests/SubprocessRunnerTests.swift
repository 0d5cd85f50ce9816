import Foundation
import InstallModel
import Orchestrator
import Synchronization
import Testing

/// A StepIO that remembers what arrived and when.
final class RecordingIO: StepIO {
    let received = Mutex<[(OutputChannel, [UInt8], ContinuousClock.Instant)]>([])
    func emit(_ stream: OutputChannel, _ bytes: [UInt8]) {
        received.withLock { $0.append((stream, bytes, ContinuousClock.now)) }
    }
    func elapse(microseconds: Int64) {}
    let started = Mutex<[[String]]>([])
    func commandStarted(_ argv: [String], process: ProcessIdentity?) { started.withLock { $0.append(argv) } }
    func commandFinished(_ result: CommandResult) {}
    func pause(microseconds: Int64) async {}
    /// The files steps recorded installing (`file_installed`).
    let installedFiles = Mutex<[InstalledFile]>([])
    func fileInstalled(_ file: InstalledFile) { installedFiles.withLock { $0.append(file) } }
    /// The commands started, in order.
    var commands: [[String]] { started.withLock { $0 } }
    var text: String { String(decoding: received.withLock { $0.flatMap(\.1) }, as: UTF8.self) }
    /// Each line that arrived, with its channel.
    var lines: [(OutputChannel, String)] {
        received.withLock { chunks in
            chunks.flatMap { chunk in String(decoding: chunk.1, as: UTF8.self).split(separator: "\n").map { (chunk.0, String($0)) } }
        }
    }
}

private func spec(_ argv: [String], timeout: Int = 30) -> CommandSpec {
    CommandSpec(argv: argv, environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"], timeoutSeconds: timeout)
}

@Test func exitCodesComeThrough() async {
    let io = RecordingIO()
    #expect(await SubprocessRunner().run(spec(["sh", "-c", "exit 3"]), io: io).termination == .exited(3))
    #expect(await SubprocessRunner().run(spec(["true"]), io: io).succeeded)
}

@Test func missingProgramIsCommandNotFound() async {
    let io = RecordingIO()
    let result = await SubprocessRunner().run(spec(["evlog-no-such-program-xyz"]), io: io)
    #expect(result.termination == .notFound)
    #expect(result.exitCode == 127)
    #expect(io.text.contains("command not found"))
}

@Test func outputStreamsBeforeTheCommandExits() async throws {
    let io = RecordingIO()
    let result = await SubprocessRunner().run(spec(["sh", "-c", "echo first; sleep 1; echo second"]), io: io)
    #expect(result.succeeded)
    let chunks = io.received.withLock { $0 }
    let first = try #require(chunks.first { String(decoding: $0.1, as: UTF8.self).contains("first") })
    let second = try #require(chunks.last { String(decoding: $0.1, as: UTF8.self).contains("second") })
    // Streamed: "first" arrived while the command was still sleeping, not together with "second" at exit.
    #expect(second.2 - first.2 > .milliseconds(500))
    #expect(io.text == "first\nsecond\n")
}

@Test func stdoutAndStderrAreKeptApart() async {
    let io = RecordingIO()
    _ = await SubprocessRunner().run(spec(["sh", "-c", "echo out; echo err >&2"]), io: io)
    let streams = io.received.withLock { $0.map { ($0.0, String(decoding: $0.1, as: UTF8.self)) } }
    #expect(streams.contains { $0.0 == .stdout && $0.1 == "out\n" })
    #expect(streams.contains { $0.0 == .stderr && $0.1 == "err\n" })
}

@Test func timeoutKillsTheWholeProcessTree() async throws {
    let marker = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-tree-\(getpid())").path
    try? FileManager.default.removeItem(atPath: marker)
    let io = RecordingIO()
    let started = ContinuousClock.now
    // The grandchild would write the marker after 4 s if it survived the timeout.
    let result = await SubprocessRunner().run(
        spec(["sh", "-c", "(sleep 4; touch \(marker)) & sleep 30"], timeout: 1), io: io)
    let elapsed = ContinuousClock.now - started
    #expect(result.termination == .timedOut)
    #expect(elapsed < .seconds(10))
    try await Task.sleep(for: .seconds(5))
    #expect(!FileManager.default.fileExists(atPath: marker), "a grandchild outlived the timeout (run took \(elapsed), output: \(io.text))")
}

@Test func standardInputReachesTheChildAndNothingElse() async {
    let io = RecordingIO()
    var command = spec(["sh", "-c", "read line; echo got:${#line}"])
    command.standardInput = Array("secret-value\n".utf8)
    let result = await SubprocessRunner().run(command, io: io)
    #expect(result.succeeded)
    #expect(io.text == "got:12\n")
}

@Test func stdoutAndStderrKeepTheOrderTheCommandWroteThem() async {
    let io = RecordingIO()
    // A child alternating channels, each line flushed (sh's echo is one write) with a small pause.
    let script = "for i in 1 2 3 4 5 6 7 8 9 10; do echo $i-out; sleep 0.02; echo $i-err >&2; sleep 0.02; done"
    let result = await SubprocessRunner().run(spec(["sh", "-c", script]), io: io)
    #expect(result.succeeded)
    let expected = (1...10).flatMap { [(OutputChannel.stdout, "\($0)-out"), (OutputChannel.stderr, "\($0)-err")] }
    #expect(io.lines.map(\.1) == expected.map(\.1))
    #expect(io.lines.map(\.0) == expected.map(\.0))
}

#if os(Linux)
/// What `sh -c script` wrote, as the runner recorded it; the script must succeed.
private func outputOfShell(_ script: String) async -> RecordingIO {
    let io = RecordingIO()
    let result = await SubprocessRunner().run(spec(["sh", "-c", script]), io: io)
    #expect(result.succeeded)
    return io
}

/// Writes microseconds apart, both pending when the reader wakes: the kernel's write notices order them.
@Test(arguments: 0..<25)
func writesWithoutPausesKeepTheirOrder(run: Int) async {
    let io = await outputOfShell("echo 1-out; echo 2-err >&2; echo 3-out; echo 4-err >&2; echo 5-out; echo 6-out; echo 7-err >&2")
    #expect(io.lines.map(\.1) == ["1-out", "2-err", "3-out", "4-err", "5-out", "6-out", "7-err"], "run \(run)")
    #expect(io.lines.map(\.0) == [.stdout, .stderr, .stdout, .stderr, .stdout, .stdout, .stderr], "run \(run)")
}

/// A sustained alternation as fast as sh writes it (thousands of writes a second): the reader reads no write
/// after its notices were drained, and waits for the notices of the last writes it read (round 12 of #25: with
/// those read, whole runs of one channel went out ahead of the other's writes at 5,000 writes/s).
@Test(arguments: 0..<3)
func aSustainedFastAlternationKeepsItsOrder(run: Int) async {
    let io = await outputOfShell("i=0; while [ $i -lt 3000 ]; do echo $i-out; echo $i-err >&2; i=$((i+1)); done")
    let expected = (0..<3000).flatMap { ["\($0)-out", "\($0)-err"] }
    let written = io.lines.map(\.1)
    let firstOutOfPlace = written.indices.first { $0 >= expected.count || written[$0] != expected[$0] }
    #expect(io.lines.count == expected.count && firstOutOfPlace == nil, "run \(run): first out of place at line \(String(describing: firstOutOfPlace))")
}

#endif

@Test func aFastCommandsOutputArrivesWhole() async {
    let io = RecordingIO()
    // 8 MiB on stdout, more than the reader queues before it waits for the recorder: nothing lost.
    let result = await SubprocessRunner().run(spec(["sh", "-c", "head -c 8388608 /dev/zero | tr '\\0' x; echo end >&2"]), io: io)
    #expect(result.succeeded)
    let chunks = io.received.withLock { $0 }
    #expect(chunks.filter { $0.0 == .stdout }.reduce(0) { $0 + $1.1.count } == 8_388_608)
    #expect(chunks.filter { $0.0 == .stderr }.flatMap(\.1) == Array("end\n".utf8))
}

/// A command runs in `/` unless it names its directory: never in the directory evlog was started from, whose
/// project files would pick what runs (trust19 #10).
@Test(arguments: [nil, "/tmp", "/usr/bin"])
func aCommandRunsInItsOwnDirectoryOrTheRoot(directory: String?) async {
    let io = RecordingIO()
    var command = spec(["pwd", "-P"])
    command.workingDirectory = directory
    #expect(await SubprocessRunner().run(command, io: io).succeeded)
    let expected = URL(fileURLWithPath: directory ?? SubprocessRunner.defaultWorkingDirectory).resolvingSymlinksInPath().path
    #expect(io.text == expected + "\n")
    #expect(FileManager.default.currentDirectoryPath != expected || directory != nil, "the test runs from / itself")
}

/// review15 R3: a relative program (`./x`, `bin/x`, or found on a relative PATH entry) is the file in the directory the
/// command runs in, as a shell there would find it, never the one in evlog's own directory (a resume from elsewhere).
@Test(arguments: [["./x"], ["bin/../x"], ["x", "PATH=bin-dir"]])
func aRelativeProgramIsTheOneInTheCommandsDirectory(argv: [String]) async throws {
    let directory = NSTemporaryDirectory() + "evlog-relative-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory + "/bin-dir", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for file in ["x", "bin-dir/x"] {
        try Data("#!/bin/sh\necho \"the directory's \(file): $(pwd -P)\"\n".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
        chmod(directory + "/" + file, 0o755)
    }
    #expect(FileManager.default.currentDirectoryPath != directory)
    let io = RecordingIO()
    var command = spec([argv[0]])
    if argv.count > 1 { command.environment["PATH"] = String(argv[1].dropFirst("PATH=".count)) }
    command.workingDirectory = directory
    // As root a relative PATH entry is no place programs are taken from (`ProgramSearch`, trust20 #5).
    guard argv.count == 1 || geteuid() != 0 else {
        #expect(await !SubprocessRunner().run(command, io: io).succeeded, "\(io.text)")
        return
    }
    #expect(await SubprocessRunner().run(command, io: io).succeeded, "\(io.text)")
    let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    #expect(io.text == "the directory's \(argv.count > 1 ? "bin-dir/x" : "x"): \(real)\n")
}
