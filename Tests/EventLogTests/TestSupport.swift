import Foundation
@testable import EventLog

/// A fresh directory for one test (on tmpfs when there is one, so fsync is cheap), removed afterwards.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let root = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        path = root + "/evlog-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

/// SplitMix64: a seeded generator so every test is repeatable.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = next()
            for _ in 0..<min(8, count - index) {
                out[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return out
    }
}

/// Text-like payloads that compress about as well as install output does.
func textPayload(index: Int, bytes: Int) -> [UInt8] {
    let words = ["Unpacking", "libssl3", "Setting", "up", "(3.0.11-1)", "...", "Get:", "http://deb.debian.org", "amd64", "kB]\n"]
    var out: [UInt8] = []
    out.reserveCapacity(bytes)
    var word = UInt(index)
    while out.count < bytes {
        out += words[Int(word % UInt(words.count))].utf8
        out.append(0x20)
        word = word &* 31 &+ 7
    }
    return Array(out.prefix(bytes))
}

/// Reads every record of the log at `path` (nil when the reader refuses the file).
func readAll(_ path: String) throws -> (records: [LogRecord], damage: LogDamage?)? {
    let reader: LogReader
    do { reader = try LogReader(path: path) } catch { return nil }
    var records: [LogRecord] = []
    while let record = try reader.next() { records.append(record) }
    return (records, reader.damage)
}

/// The small multi-block log of the truncation and bit-flip tests, with what it holds.
struct SmallLog {
    let bytes: [UInt8]
    let payloads: [[UInt8]]
    /// End offset of the block holding each record.
    let blockEndOfRecord: [Int64]
    let headerBytes: Int64

    var blockEnds: Set<Int64> { Set(blockEndOfRecord) }

    /// About 5 KB in 4 KiB blocks, checkpoints sprinkled in.
    static func make(at path: String) throws -> SmallLog {
        let writer = try LogWriter.open(path: path, label: "p-small", creator: "EventLogTests", createdAtMicros: 1_700_000_000_000_000,
                                        options: LogWriterOptions(blockBytesTarget: 4096, compressesInBackground: false))
        var random = TestRandom(seed: 3)
        var payloads: [[UInt8]] = []
        for index in 0..<70 {
            let payload = index % 9 == 4 ? [] : textPayload(index: index, bytes: Int(random.next() % 400))
            try writer.append(payload, checkpoint: index % 11 == 0)
            payloads.append(payload)
        }
        try writer.close()
        let reader = try LogReader(path: path)
        let headerBytes = reader.validBytes
        var ends: [Int64] = []
        while try reader.next() != nil { ends.append(reader.validBytes) }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return SmallLog(bytes: bytes, payloads: payloads, blockEndOfRecord: ends, headerBytes: headerBytes)
    }

    /// Records wholly inside complete blocks before `cut`.
    func recordsBefore(cut: Int64) -> Int { blockEndOfRecord.filter { $0 <= cut }.count }
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func readFileBytes(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The `evlog-log-torture` helper, built next to the test bundle by `swift test`.
enum TortureHelper {
    static func url() throws -> URL {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        // Tests/EventLogTests/TestSupport.swift -> package root -> .build/debug
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug"))
        for directory in candidates {
            let helper = directory.appendingPathComponent("evlog-log-torture")
            if FileManager.default.isExecutableFile(atPath: helper.path) { return helper }
        }
        throw HelperMissing(searched: candidates.map(\.path))
    }

    struct HelperMissing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "evlog-log-torture not found in \(searched); build it with `swift build --product evlog-log-torture`"
        }
    }

    /// Starts the helper with a pipe on stdin and stdout.
    static func start(_ arguments: [String]) throws -> RunningHelper {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        let output = Pipe()
        let input = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = errors
        try process.run()
        return RunningHelper(process: process, output: output, input: input, errors: errors)
    }
}

/// A running helper process; reads its stdout line by line.
final class RunningHelper {
    let process: Process
    let output: Pipe
    let input: Pipe
    let errors: Pipe
    private var buffered: [UInt8] = []

    init(process: Process, output: Pipe, input: Pipe, errors: Pipe) {
        self.process = process
        self.output = output
        self.input = input
        self.errors = errors
    }

    /// The next line of stdout, nil at end of output.
    func nextLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffered += chunk
        }
    }

    /// Kills the helper if it still runs after `seconds`, so a hung helper fails the test instead of hanging it.
    func watchdog(seconds: Double) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { kill(pid, SIGKILL) }
    }

    func standardError() -> String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// A helper holding the writer lock of the log at `path` (created when missing) for up to 30 s, killed after 40;
    /// returned once it says it holds it, or nil when it did not.
    static func holdingLock(of path: String) throws -> RunningHelper? {
        let helper = try TortureHelper.start(["hold", path, "--seconds", "30"])
        helper.watchdog(seconds: 40)
        return helper.nextLine() == "locked \(helper.process.processIdentifier)" ? helper : nil
    }

    /// Ends a `hold` helper (end of its stdin) and waits for it.
    func letGo() throws {
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
