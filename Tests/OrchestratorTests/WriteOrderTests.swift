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
