import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// A log an older evlog recorded is read through this revision of the secret policy, and what that costs is
/// linear in the log (serve18 #2: every block read re-read the 2 MiB before it, so a 471 KB log's page read
/// its blocks hundreds of times over and took 101 s). Counted in bytes fed to the policy (`PolicyWork`), not in
/// time: the page's tail, every page of earlier output back to the first, resumes of its event stream and
/// raw-output ranges, over generated logs of growing size, cost a bounded multiple of the log; the tail of a log
/// far larger than the policy's context costs that context and the blocks shown, not the log. Every stream
/// started inside such a log still gives what a read from the start gives.
@Suite struct PolicyReadWorkTests {
    /// An older evlog's log (its output stored unredacted) of `chunks` output chunks of two steps, seeded, some
    /// cutting a secret in two, in the smallest blocks.
    static func olderLog(chunks: Int, seed: UInt64) throws -> HandWrittenLog {
        let written = try HandWrittenLog(creator: "evlog 0.1", blockBytes: 4096)
        var generator = SplitMix64(seed: seed)
        for number in 0..<chunks {
            let step = generator.next() % 3 == 0 ? written.other : written.step
            guard number % 11 != 0 else {
                // A password cut in two, its parts in two chunks of the step.
                let text = Array("export DB_PASSWORD=Zq8hunter\(number)Vv9x\n".utf8)
                let cut = 12 + Int(generator.next() % 16)
                for part in [text[..<cut], text[cut...]] { try written.append(.outputChunk(step: step, stream: .stdout, data: Array(part), redacted: false)) }
                continue
            }
            let text = Array("line \(number) ".utf8) + Array(repeating: UInt8(ascii: "x"), count: Int(generator.next() % 80)) + [10]
            try written.append(.outputChunk(step: step, stream: .stdout, data: text, redacted: false))
        }
        try written.append(.stepDone(step: written.step, exitCode: 0, durationMicros: 1, note: nil))
        try written.close()
        return written
    }

    /// Bytes of records in the log once decoded.
    static func rawBytes(_ log: PlanLog) throws -> Int { try log.blockStarts().reduce(0) { $0 + $1.rawBytes } }

    /// What a plan page and a user paging back over all of it read, and the bytes that fed the policy.
    static func pagingWork(_ log: PlanLog) throws -> (work: Int, pages: Int, shown: [String]) {
        let reads = PolicyReads()
        let limits = OutputWindow.Limits(lines: 50, reads: reads)
        var window = try OutputWindow.tail(of: log, limits: limits)
        var pages = 1
        var shown = window.steps.flatMap { $0.lines.map(\.html) }
        while let cursor = window.earlier {
            window = try OutputWindow.earlier(in: log, before: cursor, limits: limits)
            shown += window.steps.flatMap { $0.lines.map(\.html) }
            pages += 1
        }
        return (reads.work.bytes, pages, shown)
    }

    @Test(arguments: [UInt64(1), 2])
    func pagingBackOverAnOlderLogCostsABoundedMultipleOfItWhateverItsSize(seed: UInt64) throws {
        for chunks in [300, 1200, 4800] {
            let written = try Self.olderLog(chunks: chunks, seed: seed)
            let raw = try Self.rawBytes(written.log)
            let starts = try written.log.blockStarts()
            #expect(starts.count > chunks / 100, "\(chunks) chunks in \(starts.count) blocks")
            let (work, pages, shown) = try Self.pagingWork(written.log)
            #expect(pages > 5, "\(chunks) chunks: \(pages) pages")
            // The first page passes the log once to reach its end; each block is read once more as the pages go back.
            #expect(work <= 3 * raw, "\(chunks) chunks, \(starts.count) blocks: \(work) bytes fed to the policy for a log of \(raw)")
            #expect(shown.contains { $0.contains("DB_PASSWORD") })
            #expect(!shown.contains { $0.contains("hunter") }, "a password shown")
        }
    }

    /// Resumes of the event stream from every tenth event and raw-output ranges from every tenth of the step's
    /// bytes: each costs about the blocks it reads, and gives what a read from the start gives.
    @Test func resumesAndRangesOfAnOlderLogReadFromTheBlockTheyNeed() async throws {
        let written = try Self.olderLog(chunks: 2400, seed: 7)
        let log = written.log
        let raw = try Self.rawBytes(log)
        let whole = try EventSeekTests.allFrames(log)
        let reads = PolicyReads()
        let resumes = stride(from: whole.count / 10, to: whole.count, by: whole.count / 10).map { whole[$0].sequence }
        for after in resumes {
            var reader = try FrameReader(log, after: after, reads: reads)
            #expect(reader.read(bytesMax: .max).frames.map(\.bytes) == whole.filter { $0.sequence > after }.map(\.bytes), "after \(after)")
        }
        // Each resume reads from its block to the end (half the log on average) and looks back for a line's start.
        #expect(reads.work.bytes <= resumes.count * raw, "\(reads.work.bytes) bytes fed for \(resumes.count) resumes of a log of \(raw)")

        let output = try RawOutputSeekTests.wholeOutput(written)
        let index = try StepOutputIndex(log, step: written.step, reads: reads)
        var turns = ReadTurns()
        for offset in stride(from: Int64(0), to: index.total, by: Int(max(index.total / 10, 1))) {
            var chunks = try index.chunks(from: offset)
            let first = try #require(await chunks.next(&turns))
            #expect(first.offset <= offset)
            #expect(Array(output[Int(first.offset)...].prefix(first.data.count)) == first.data, "from \(offset)")
        }
    }

    /// The tail of an older log many times the policy's context reads the context and the blocks it shows, not
    /// the log from its start.
    @Test func theTailOfALogFarLargerThanThePolicysContextReadsNotItsStart() throws {
        let written = try HandWrittenLog(creator: "evlog 0.1", blockBytes: 64 << 10)
        let line = Array(repeating: UInt8(ascii: "y"), count: 99) + [10]
        let chunk = Array([[UInt8]](repeating: line, count: 80).joined())
        let chunks = 4 * PolicyReads.contextBytes / chunk.count
        for _ in 0..<chunks { try written.append(.outputChunk(step: written.step, stream: .stdout, data: chunk, redacted: false)) }
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array("LAST LINE\n".utf8), redacted: false))
        try written.close()
        let raw = try Self.rawBytes(written.log)
        let reads = PolicyReads()
        let window = try OutputWindow.tail(of: written.log, limits: OutputWindow.Limits(reads: reads))
        #expect(window.steps.last?.lines.last?.html.contains("LAST LINE") == true)
        #expect(reads.work.bytes < raw / 2, "the tail fed \(reads.work.bytes) bytes of a log of \(raw) to the policy")
        #expect(reads.work.bytes >= PolicyReads.contextBytes, "the tail did not read the policy's context before it")
    }
}
