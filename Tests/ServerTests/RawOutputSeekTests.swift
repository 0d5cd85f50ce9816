import Foundation
import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// A log a test wrote, in a home of its own.
protocol LogFixture {
    var home: String { get }
    var id: PlanID { get }
    var step: StepID { get }
    var log: PlanLog { get }
}

extension RecordedPlan: LogFixture {}
extension HandWrittenLog: LogFixture {}

/// A step's raw output is counted from the log's last checkpoint and read from the block that holds the first
/// byte asked (`StepOutputIndex`), never the log twice: every range still gets exactly the bytes a read of the
/// whole log gives, in a log with checkpoints at seeded places, one read through this policy again (another
/// evlog's, whose checkpoints count bytes as stored), and one whose checkpoint lies about the counts.
@Suite struct RawOutputSeekTests {
    /// The step's output as a read of the whole log gives it.
    static func wholeOutput(_ recorded: some LogFixture) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for event in try recorded.log.events() {
            if case .outputChunk(recorded.step, _, let data, _) = event.body { bytes += data }
        }
        return bytes
    }

    static func get(_ recorded: some LogFixture, range: String?) async throws -> (status: Int, body: [UInt8], length: String?) {
        let router = AccessTests.router(home: recorded.home)
        let target = "/plans/\(recorded.id.rawValue)/steps/\(recorded.step.rawValue)/output"
        let response = await router.respond(AccessTests.request(target, headers: [AccessTests.bearer] + (range.map { [("Range", $0)] } ?? [])))
        let length = response.headers.first { $0.0 == "Content-Length" }?.1
        return (response.status, Array(try await SplitSecretTests.body(response).utf8), length)
    }

    /// Records seeded output with checkpoints at seeded places, in small blocks.
    static func recorded(seed: UInt64) throws -> RecordedPlan {
        let recorded = try RecordedPlan(seed: seed, blockBytes: 4096)
        var generator = SplitMix64(seed: seed)
        for _ in 0..<(4 + Int(generator.next() % 3)) {
            try recorded.recordOutput(lines: 500 + Int(generator.next() % 500))
            if generator.next() % 3 != 0 { try recorded.recorder.checkpoint() }
        }
        try recorded.finish()
        return recorded
    }

    /// Lines of output stored as given, a checkpoint after each `every` of them (edited by `edit`).
    static func handWritten(creator: String, lines: Int, every: Int, edit: (inout PlanState) -> Void = { _ in }) throws -> HandWrittenLog {
        let written = try HandWrittenLog(creator: creator)
        for number in 0..<lines {
            let line = number % 7 == 0 ? "DB_PASSWORD=Zq8\(number)vKp2LmW9xTr4\n" : "line \(number) of the output\n"
            try written.append(.outputChunk(step: written.step, stream: number % 5 == 0 ? .stderr : .stdout, data: Array(line.utf8), redacted: false))
            if number % every == every - 1 { try written.checkpoint(edit) }
        }
        try written.close()
        return written
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func everyRangeGetsTheBytesOfAWholeReadAndTheLastBytesAreReadFromTheLastBlocks(seed: UInt64) async throws {
        let recorded = try Self.recorded(seed: 300 + seed)
        let whole = try Self.wholeOutput(recorded)
        let index = try StepOutputIndex(recorded.log, step: recorded.step)
        #expect(index.total == Int64(whole.count))
        #expect(try recorded.log.blockStarts().count > 20)
        // The last 100 bytes: read from a block near the end, not from the log's start.
        var chunks = try index.chunks(from: index.total - 100)
        var turns = ReadTurns()
        let first = try #require(await chunks.next(&turns))
        #expect(first.offset <= index.total - 100 && first.offset > index.total * 3 / 4, "the tail was read from offset \(first.offset) of \(index.total)")
        var generator = SplitMix64(seed: seed)
        let total = Int64(whole.count)
        for _ in 0..<30 {
            let start = Int64(generator.next() % UInt64(total)), end = min(start + Int64(generator.next() % 5000), total - 1)
            let suffix = 1 + Int64(generator.next() % 3000)
            for (header, part) in [("bytes=\(start)-\(end)", start...end), ("bytes=-\(suffix)", max(total - suffix, 0)...(total - 1))] {
                let answer = try await Self.get(recorded, range: header)
                #expect(answer.status == 206)
                #expect(answer.body == Array(whole[Int(part.lowerBound)...Int(part.upperBound)]), "\(header)")
                #expect(answer.length == String(part.count))
            }
        }
        let all = try await Self.get(recorded, range: nil)
        #expect(all.status == 200 && all.body == whole)
    }

    /// Another evlog's log is redacted again as it is read, so its checkpoints' counts (of the bytes as stored)
    /// are not those of the chunks read: it is counted from its start.
    @Test func aLogReadThroughThePolicyAgainIsCountedAsRead() async throws {
        let written = try Self.handWritten(creator: "evlog 0.1", lines: 2000, every: 300)
        let whole = try Self.wholeOutput(written)
        #expect(!String(decoding: whole, as: UTF8.self).contains("Zq8"), "the policy redacts the secret as the log is read")
        #expect(try StepOutputIndex(written.log, step: written.step).total == Int64(whole.count))
        #expect(try await Self.get(written, range: "bytes=-500").body == Array(whole.suffix(500)))
        #expect(try await Self.get(written, range: "bytes=1000-1999").body == Array(whole[1000...1999]))
        #expect(try await Self.get(written, range: nil).body == whole)
    }

    /// A checkpoint is read from the log, which is input: counts below zero or past a petabyte are not taken (the
    /// log is counted from its start); a count too high but plausible gets a body cut short, never a crash.
    @Test(arguments: [Int64(-1), .min, .max, 1 << 40])
    func aCheckpointThatLiesAboutTheCountsNeverCrashesTheServer(claimed: Int64) async throws {
        let written = try Self.handWritten(creator: PlanArchive.creator, lines: 2000, every: 1500) { $0.steps[0].stdoutBytes = claimed }
        let whole = try Self.wholeOutput(written)
        let tail = try await Self.get(written, range: "bytes=-100")
        #expect(tail.body == Array(whole.suffix(100)))
        let index = try StepOutputIndex(written.log, step: written.step)
        guard claimed < 0 || claimed > 1 << 50 else {
            // Counted as the log says: the last bytes are where it puts them; all of it cannot be sent.
            #expect(index.total > Int64(whole.count))
            await #expect(throws: (any Error).self) { _ = try await Self.get(written, range: nil) }
            return
        }
        #expect(index.total == Int64(whole.count))
        #expect(try await Self.get(written, range: nil).body == whole)
    }
}
