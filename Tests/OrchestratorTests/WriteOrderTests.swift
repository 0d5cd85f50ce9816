import InstallModel
@testable import Orchestrator
import Testing

/// `WriteOrder`: bytes read from two pipes, put back in the order of the kernel's write notices.
@Suite("write order")
struct WriteOrderTests {
    static let page = 8

    /// One batch of reads, one string per read.
    static func batch(_ reads: [String]) -> WriteOrder.Batch {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for read in reads {
            bytes += Array(read.utf8)
            ends.append(bytes.count)
        }
        return WriteOrder.Batch(bytes: bytes, ends: ends)
    }

    static func text(_ pieces: [(OutputChannel, [UInt8])]) -> [String] {
        pieces.map { ($0.0 == .stdout ? "o:" : "e:") + String(decoding: $0.1, as: UTF8.self) }
    }

    @Test func alternatingWritesComeOutInTheirNoticedOrder() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n", "3\n"]))
        order.read(.stderr, Self.batch(["2\n", "4\n"]))
        order.noticed([.stdout, .stderr, .stdout, .stderr])
        #expect(Self.text(order.ordered()) == ["o:1\n", "e:2\n", "o:3\n", "e:4\n"])
        #expect(order.heldBytes == 0 && !order.isWaiting)
        #expect(order.guess == nil)
    }

    @Test func aWriteLongerThanAPageIsOneWrite() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["aaaaaaaa", "aa\n", "b\n"]))
        order.read(.stderr, Self.batch(["x\n"]))
        order.noticed([.stdout, .stderr, .stdout])
        #expect(Self.text(order.ordered()) == ["o:aaaaaaaaaa\n", "e:x\n", "o:b\n"])
    }

    @Test func theLastNoticeOfAChannelTakesWhatItHolds() {
        // Two writes to stdout merged into one notice, then stderr: both stdout writes come first.
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n", "2\n"]))
        order.read(.stderr, Self.batch(["3\n"]))
        order.noticed([.stdout, .stderr])
        #expect(Self.text(order.ordered()) == ["o:1\n2\n", "e:3\n"])
    }

    @Test func aNoticeWhoseBytesComeNextRoundWaitsForThem() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n"]))
        order.noticed([.stdout, .stderr, .stdout])
        // stderr's bytes landed after its pipe was read: nothing after them may go out yet.
        #expect(Self.text(order.ordered()) == ["o:1\n"])
        #expect(order.isWaiting)
        order.beginRound()
        order.read(.stderr, Self.batch(["2\n"]))
        order.read(.stdout, Self.batch(["3\n"]))
        #expect(Self.text(order.ordered()) == ["e:2\n", "o:3\n"])
    }

    @Test func bytesNoNoticePlacesGoOutAfterARound() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stderr, Self.batch(["quiet\n"]))
        #expect(order.ordered().isEmpty)
        order.beginRound()
        #expect(Self.text(order.ordered()) == ["e:quiet\n"])
        // Its notice, late: it finds nothing and is dropped after a round, holding nothing up.
        order.noticed([.stderr, .stdout])
        order.read(.stdout, Self.batch(["next\n"]))
        #expect(Self.text(order.ordered()) == [])
        order.beginRound()
        #expect(Self.text(order.ordered()) == ["o:next\n"])
    }

    @Test func flushGivesEverythingStdoutFirst() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stderr, Self.batch(["e\n"]))
        order.read(.stdout, Self.batch(["o\n"]))
        order.noticed([.stderr])
        #expect(Self.text(order.flush()) == ["o:o\n", "e:e\n"])
        #expect(order.heldBytes == 0 && !order.isWaiting)
    }
}

extension WriteOrderTests {
    @Test func stdoutAloneGoesOutWithoutWaitingForItsNotices() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["aaaaaaaa", "aaaa"]))
        #expect(Self.text(order.ordered()) == ["o:aaaaaaaaaaaa"])
        // Their notices, a round late: they hold stderr up for one round (their bytes might be on
        // the way), then are dropped.
        order.beginRound()
        order.read(.stderr, Self.batch(["e\n"]))
        order.noticed([.stdout, .stdout, .stderr])
        #expect(order.ordered().isEmpty)
        order.beginRound()
        #expect(Self.text(order.ordered()) == ["e:e\n"])
        #expect(!order.isWaiting)
    }
}

extension WriteOrderTests {
    @Test func writesMergedInOneReadAreSplitAtTheirLines() {
        // `echo a > /dev/stderr; echo b; echo d >&2`: the reopened descriptor is not in packet mode,
        // so a and d come back in one read; two stderr notices ask for two writes.
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["b\n"]))
        order.read(.stderr, Self.batch(["a\nd\n"]))
        order.noticed([.stderr, .stdout, .stderr])
        #expect(!order.isShort(of: .stdout))
        #expect(order.isShort(of: .stderr))
        #expect(Self.text(order.ordered()) == ["e:a\n", "o:b\n", "e:d\n"])
    }
}

extension WriteOrderTests {
    @Test func aLongStreamReadWholeGivesItsLastLinesToTheLastNotices() {
        // stdout read whole after a long stretch: one read holds the stream and the alternation after it.
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["xxxxxxxxxxxx\n1\n3\n"]))
        order.read(.stderr, Self.batch(["2\n", "4\n"]))
        order.noticed([.stdout, .stderr, .stdout, .stderr])
        #expect(Self.text(order.ordered()) == ["o:xxxxxxxxxxxx\n1\n", "e:2\n", "o:3\n", "e:4\n"])
    }
}

/// A reader that fell behind: the kernel merged a channel's writes into one notice (F14 of repro13).
extension WriteOrderTests {
    /// Writes `0...count` alternate stdout and stderr as `pattern` says (true: stdout), all read in one round, each
    /// run of one channel noticed once: what a reader that slept through all of them finds.
    static func behind(_ pattern: [Bool]) -> (order: WriteOrder, written: [String]) {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        let written = pattern.indices.map { ($0 < 10 ? "0" : "") + "\($0)\n" }
        for channel in OutputChannel.allCases {
            let reads = pattern.indices.filter { pattern[$0] == (channel == .stdout) }.map { written[$0] }
            order.read(channel, Self.batch(reads))
        }
        var notices: [OutputChannel] = []
        for isStdout in pattern where notices.last != (isStdout ? .stdout : .stderr) { notices.append(isStdout ? .stdout : .stderr) }
        order.noticed(notices)
        return (order, written)
    }

    @Test func writesNoticedAsOneBeforeTheOtherChannelAreAGuessTheLogAdmits() {
        // `tty; echo got=$x; echo err >&2; printf cleared` read in one round: notices stdout, stderr, stdout.
        var order = WriteOrder(pageBytes: 64)
        order.beginRound()
        order.read(.stdout, Self.batch(["/dev/pts/0\n", "got=in\n", "cleared\n"]))
        order.read(.stderr, Self.batch(["err\n"]))
        order.noticed([.stdout, .stderr, .stdout])
        // Those may be writes read ahead of their notices: nothing goes out before they have had time to come.
        #expect(order.ordered().isEmpty && order.needsSettling && order.guess == nil)
        // Which of the first two stdout writes came before stderr's is not known: the first alone, and it is said.
        #expect(Self.text(order.ordered(settled: true)) == ["o:/dev/pts/0\n", "e:err\n", "o:got=in\ncleared\n"])
        #expect(order.guess != nil)
        // The order already admitted lost, the next such notice is not waited for.
        order.beginRound()
        order.read(.stdout, Self.batch(["a\n", "b\n", "c\n"]))
        order.read(.stderr, Self.batch(["e\n"]))
        order.noticed([.stdout, .stderr, .stdout])
        #expect(Self.text(order.ordered()) == ["o:a\n", "e:e\n", "o:b\nc\n"] && !order.needsSettling)
    }

    @Test func writesReadAheadOfTheirNoticesWaitForThem() {
        // `echo 1; echo 2 >&2; echo 3; echo 4 >&2; echo 5`: stdout read whole, the last notices not queued yet.
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n", "3\n", "5\n"]))
        order.read(.stderr, Self.batch(["2\n"]))
        order.noticed([.stdout, .stderr, .stdout])
        #expect(order.ordered().isEmpty && order.needsSettling)
        order.noticed([.stderr, .stdout])
        order.read(.stderr, Self.batch(["4\n"]))
        #expect(Self.text(order.ordered(settled: true)) == ["o:1\n", "e:2\n", "o:3\n", "e:4\n", "o:5\n"])
        #expect(order.guess == nil)
    }

    /// Generated: every pattern of 2 to 9 writes. Whatever comes out is every write once; when the order handed out is
    /// not the written one, `guess` says so; one write per notice is never a guess.
    @Test func aWrongOrderIsAlwaysAdmitted() {
        for count in 2...9 {
            for bits in 0..<(1 << count) {
                let pattern = (0..<count).map { bits & (1 << $0) != 0 }
                var (order, written) = Self.behind(pattern)
                var out = order.ordered()
                if order.needsSettling { out += order.ordered(settled: true) }
                out += order.flush()
                let lines = out.flatMap { piece in String(decoding: piece.1, as: UTF8.self).split(separator: "\n").map { String($0) + "\n" } }
                #expect(lines.sorted() == written, "\(pattern)")
                let merged = zip(pattern, pattern.dropFirst()).contains { $0 == $1 }
                if lines != written { #expect(order.guess != nil, "\(pattern): \(lines)") }
                if !merged { #expect(order.guess == nil && lines == written, "\(pattern)") }
            }
        }
    }

    @Test func bytesStillInAPipeAreReadBeforeTheOtherChannelGoesOut() {
        // stdout read (1), then 2 written to stdout and 3 to stderr; both noticed, 2 still in its pipe.
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n"]))
        order.read(.stderr, Self.batch(["3\n"]))
        order.noticed([.stdout, .stderr])
        order.leftInPipe(.stdout)
        #expect(order.ordered().isEmpty)
        order.beginRound()
        order.read(.stdout, Self.batch(["2\n"]))
        #expect(Self.text(order.ordered()) == ["o:1\n2\n", "e:3\n"])
        #expect(order.guess == nil)
    }

    @Test func aPipeThatNeverEmptiesIsWaitedForABoundedTimeThenAdmitted() {
        var order = WriteOrder(pageBytes: Self.page)
        order.beginRound()
        order.read(.stdout, Self.batch(["1\n"]))
        order.read(.stderr, Self.batch(["3\n"]))
        order.noticed([.stdout, .stderr])
        for _ in 0..<WriteOrder.waitedRoundsMax {
            order.leftInPipe(.stdout)
            #expect(order.ordered().isEmpty)
            order.beginRound()
        }
        order.leftInPipe(.stdout)
        #expect(Self.text(order.ordered()) == ["o:1\n", "e:3\n"])
        #expect(order.guess != nil)
    }
}
