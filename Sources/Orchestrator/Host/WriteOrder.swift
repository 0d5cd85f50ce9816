import InstallModel

/// Puts what a command wrote to its stdout and stderr pipes back in the order of its writes.
///
/// Two pipes cannot say which of two writes came first once both are waiting; the kernel's write
/// notifications can (`WriteNotifications`: one queue for both pipes, one entry per write, in order,
/// consecutive writes to the same pipe merged into one entry). The pipes are in packet mode, so each
/// read returns one write of up to a page (a longer write comes as full pages, then the rest).
///
/// Rounds alternate: first what the pipes hold is read (`read`, stdout's before stderr's) and what is
/// still in them counted (`unread`), then the notifications (`noticed`), then whatever `isShort`
/// says is missing is read.
/// A write's bytes are in its pipe a moment before its notification is queued, so the reader reads no
/// more than its notices call for after draining them, and drains once more before ordering: every byte
/// read in a round then has its notification by the end of that round. `ordered()` then hands out bytes notification by
/// notification: one write for a notification followed by another of the same channel, all held
/// bytes of that channel for its last one. Merged notifications are the limit: the kernel merges a
/// channel's consecutive writes into one notice until the reader drains them, so a reader that fell
/// behind holds more writes than notices and cannot know how many came before the other channel's
/// write; it guesses (`readsFor(noticeAt:of:settled:)`) and says so (`guess`, recorded as the command's
/// `output_order`). What has no notification after a round
/// (a write the kernel did not announce) goes out at the next round; a notification whose bytes went
/// out that way, or were never read, is dropped after a round.
/// This type does no I/O: `OrderedOutputReader` feeds it.
struct WriteOrder {
    /// What the reads of one pipe in one round returned: their bytes one after another, and where
    /// each read's bytes end.
    struct Batch {
        var bytes: [UInt8]
        var ends: [Int]
        var round = 0

        /// The same bytes with up to `extra` more boundaries, at the last line ends inside reads, and
        /// how many were added.
        func splittingLines(extra: Int) -> (batch: Batch, added: Int) {
            var cuts: [Int] = []
            var end = bytes.count
            for start in ([0] + ends.dropLast()).reversed() where cuts.count < extra {
                var position = end - 1
                while cuts.count < extra, position > start, let newline = bytes[start..<position].lastIndex(of: 0x0A) {
                    cuts.append(newline + 1)
                    position = newline
                }
                end = start
            }
            return (Batch(bytes: bytes, ends: (ends + cuts).sorted(), round: round), cuts.count)
        }

        /// The first `count` bytes, and what is left (a read cut in two becomes two).
        func split(atByte count: Int) -> (taken: [UInt8], rest: Batch) {
            let rest = Batch(bytes: Array(bytes[count...]), ends: ends.filter { $0 > count }.map { $0 - count }, round: round)
            return (Array(bytes[..<count]), rest)
        }

        /// The bytes of the first `count` reads, and what is left.
        func split(after count: Int) -> (taken: [UInt8], rest: Batch) { split(atByte: ends[count - 1]) }

        /// How many reads `batches` hold.
        static func reads(in batches: some Sequence<Batch>) -> Int { batches.reduce(0) { $0 + $1.ends.count } }
    }

    /// A notification: a channel was written to (once or more) in the round it was noticed.
    private struct Write {
        var channel: OutputChannel
        var round: Int
        /// Set for a claim: the channel's bytes up to this offset (counted from its first) belong here,
        /// though some were still in the pipe (see `unread`).
        var claimThrough: Int? = nil
    }

    /// A packet this long may be the first part of a longer write.
    let pageBytes: Int
    private var round = 0
    private var held: [OutputChannel: [Batch]] = [:]
    private var writes: [Write] = []
    /// Per channel: bytes read so far, bytes handed out so far, and where the bytes still in the pipe
    /// before the round's notices were drained end (see `unread`).
    private var readTotal: [OutputChannel: Int] = [:]
    private var emittedTotal: [OutputChannel: Int] = [:]
    private var unreadThrough: [OutputChannel: Int] = [:]
    /// Channels whose pipe still held bytes once the round's notices were all drained (see `leftInPipe`).
    private var inPipe: Set<OutputChannel> = []
    /// Rounds in a row that handed nothing out to wait for such bytes.
    private var waitedRounds = 0
    /// After this many rounds of waiting for bytes still in a pipe, the order is decided without them.
    static let waitedRoundsMax = 8
    /// Why some of what was handed out is in an order guessed rather than known (the first reason met).
    private(set) var guess: String?
    /// `ordered()` stopped at a notice that may stand for several writes: the reader lets the notices of the writes it
    /// read come (reading nothing more), then calls `ordered(settled: true)`.
    private(set) var needsSettling = false

    init(pageBytes: Int) {
        self.pageBytes = pageBytes
    }

    /// Bytes read but not yet handed out.
    var heldBytes: Int {
        OutputChannel.allCases.reduce(0) { $0 + readTotal[$1, default: 0] - emittedTotal[$1, default: 0] }
    }

    /// Bytes wait for their notice, or a notice for its bytes: the next round should come soon.
    var isWaiting: Bool { heldBytes > 0 || !writes.isEmpty }

    /// Starts a round: reads, then notifications, then `ordered()`.
    mutating func beginRound() { round += 1 }

    /// This round's reads of `channel`'s pipe.
    mutating func read(_ channel: OutputChannel, _ batch: Batch) {
        guard !batch.bytes.isEmpty else { return }
        var batch = batch
        batch.round = round
        held[channel, default: []].append(batch)
        readTotal[channel, default: 0] += batch.bytes.count
    }

    /// Notifications, oldest first.
    mutating func noticed(_ channels: [OutputChannel]) {
        writes += channels.map { Write(channel: $0, round: round) }
    }

    /// What can be handed out now, in write order; consecutive pieces of one channel are joined.
    /// `settled`: the notices of the writes read were given time to come (after `needsSettling`); a channel holding
    /// more writes than notices then had its notices merged, and their split is a guess (`guess`).
    mutating func ordered(settled: Bool = false) -> [(OutputChannel, [UInt8])] {
        defer { unreadThrough = [:]; inPipe = [] }
        needsSettling = false
        // stdout's pipe is read before stderr's: with nothing of stderr read or noticed, every stdout
        // byte read came before any stderr write still unseen, and goes out at once (a command that
        // writes only stdout is not held up for its notices); what is still in the pipe keeps its place.
        if held[.stderr, default: []].isEmpty && !writes.contains(where: { $0.channel == .stderr }) {
            let out = flush()
            if let through = unreadThrough[.stdout], through > emittedTotal[.stdout, default: 0] {
                writes = [Write(channel: .stdout, round: round, claimThrough: through)]
            }
            return out
        }
        // Bytes still in a pipe may belong to that channel's last notice, and so come before the other
        // channel's notice after it: they are read (a round later) before anything is decided.
        let undecided = inPipe.contains { channel in
            guard let last = writes.lastIndex(where: { $0.channel == channel }) else { return false }
            return writes[(last + 1)...].contains { $0.channel != channel }
        }
        if undecided && waitedRounds < Self.waitedRoundsMax {
            waitedRounds += 1
            return []
        }
        waitedRounds = 0
        if undecided { guessing("a channel kept writing while its notices were read: some output is in a guessed order") }
        for channel in OutputChannel.allCases { splitMergedReads(of: channel) }
        var out: [(OutputChannel, [UInt8])] = []
        var index = 0
        while index < writes.count {
            let write = writes[index]
            if let through = write.claimThrough {
                emit(write.channel, bytes: through - emittedTotal[write.channel, default: 0], into: &out)
                // The rest is still in the pipe: nothing after it may go out before it.
                if emittedTotal[write.channel, default: 0] < through { break }
                index += 1
                continue
            }
            guard let batches = held[write.channel], !batches.isEmpty else {
                // Its bytes come in the next round's read, or they went out before it was noticed.
                if write.round == round { break }
                index += 1
                continue
            }
            guard let reads = readsFor(noticeAt: index, of: batches, settled: settled) else {
                needsSettling = true
                break
            }
            emit(write.channel, reads: reads, into: &out)
            index += 1
        }
        writes.removeFirst(index)
        // Bytes held since an earlier round with no notification to place them: none is coming.
        for channel in OutputChannel.allCases where !writes.contains(where: { $0.channel == channel }) {
            emit(channel, reads: Batch.reads(in: held[channel]?.prefix { $0.round < round } ?? []), into: &out)
        }
        return out
    }

    /// Everything held, stdout first: the pipes ended, or the notifications were lost.
    mutating func flush() -> [(OutputChannel, [UInt8])] {
        var out: [(OutputChannel, [UInt8])] = []
        for channel in OutputChannel.allCases {
            emit(channel, reads: readCount(channel), into: &out)
        }
        writes.removeAll()
        return out
    }

    /// Bytes left in `channel`'s pipe after the round's reads, counted before its notices are drained:
    /// they were written before any write whose notice is not among them. When stdout goes out at once
    /// (nothing on stderr), they keep their place ahead of what comes next: a notice that merged writes
    /// read with writes still in the pipe must not let a later stderr write pass them.
    mutating func unread(_ channel: OutputChannel, bytes: Int) {
        unreadThrough[channel] = readTotal[channel, default: 0] + bytes
    }

    /// Whether `channel` has bytes held or writes noticed (before `ordered()` hands them out).
    func hasActivity(on channel: OutputChannel) -> Bool {
        !held[channel, default: []].isEmpty || writes.contains { $0.channel == channel }
    }

    /// Whether bytes of `channel` written before the notices were drained may still be in its pipe:
    /// some were counted there (`unread`), or it has more notices than reads held (written between
    /// its read and the drain). They are read before ordering.
    func isShort(of channel: OutputChannel) -> Bool {
        unreadThrough[channel, default: 0] > readTotal[channel, default: 0] || writes.count { $0.channel == channel } > readCount(channel)
    }

    private func readCount(_ channel: OutputChannel) -> Int { Batch.reads(in: held[channel] ?? []) }

    /// With more notices than reads (after the reader's second look), writes came back merged in one
    /// read: those made through a descriptor opened again (`echo x > /dev/stderr` opens the pipe anew,
    /// not in packet mode) are not kept apart by the kernel, nor is stdout read whole. Their last lines
    /// then stand in for the last writes (a long stream's first notice stands for many writes, most
    /// often, and the short alternation after it for one each).
    private mutating func splitMergedReads(of channel: OutputChannel) {
        var missing = writes.count { $0.channel == channel } - readCount(channel)
        guard missing > 0, var batches = held[channel] else { return }
        for index in batches.indices.reversed() where missing > 0 {
            let (batch, added) = batches[index].splittingLines(extra: missing)
            batches[index] = batch
            missing -= added
        }
        held[channel] = batches
    }

    /// Hands out up to `count` bytes held for `channel`.
    private mutating func emit(_ channel: OutputChannel, bytes count: Int, into out: inout [(OutputChannel, [UInt8])]) {
        guard count > 0 else { return }
        var reads = 0
        var total = 0
        for batch in held[channel] ?? [] {
            guard total + batch.bytes.count <= count else {
                let (taken, rest) = batch.split(atByte: count - total)
                emit(channel, reads: reads, into: &out)
                held[channel]?[0] = rest
                append(channel, taken, to: &out)
                return
            }
            total += batch.bytes.count
            reads += batch.ends.count
        }
        emit(channel, reads: reads, into: &out)
    }

    /// Channels whose pipe held bytes after the round's last drain of notices: they were written after the pipe was
    /// read, and may be the end of a write already noticed (see `ordered()`).
    mutating func leftInPipe(_ channel: OutputChannel) { inPipe.insert(channel) }

    private mutating func guessing(_ reason: String) {
        if guess == nil { guess = reason }
    }

    /// How many of `batches`' reads the notice at `index` in `writes` stands for; nil to wait for notices first. A
    /// channel's last notice takes all; another takes one write (pages up to one that is not full), unless more writes
    /// are held than the channel has notices with the other channel's between them. Those may be writes read ahead of
    /// their notices (which come microseconds later: nil, until `settled`), or writes the kernel noticed as one (it
    /// merges a channel's consecutive writes until its queue is read, so a reader that fell behind, on a loaded
    /// machine, cannot tell how many came before the other channel's write). Once settled, the notice still takes one
    /// write (a burst at the end, noticed as one by the channel's last notice, is the most common merge; the last
    /// takes all), and the order is said to be a guess.
    private mutating func readsFor(noticeAt index: Int, of batches: [Batch], settled: Bool) -> Int? {
        let channel = writes[index].channel
        guard let last = writes.lastIndex(where: { $0.channel == channel }), last > index else { return readCount(channel) }
        let later = writes[(index + 1)...].count { $0.channel == channel }
        let groups = writeSizes(in: batches)
        guard groups.count > later + 1, writes[(index + 1)..<last].contains(where: { $0.channel != channel }) else {
            return groups.first ?? 0
        }
        // Once the order is admitted to be a guess, waiting again would only slow a busy command down.
        guard settled || guess != nil else { return nil }
        guessing("writes made faster than their notices were read were noticed as one: some output is in a guessed order")
        return groups.first ?? 0
    }

    /// How many reads each write held takes, oldest first: pages up to one that is not full.
    private func writeSizes(in batches: [Batch]) -> [Int] {
        var sizes: [Int] = []
        var count = 0
        for batch in batches {
            var start = 0
            for end in batch.ends {
                count += 1
                if end - start != pageBytes {
                    sizes.append(count)
                    count = 0
                }
                start = end
            }
        }
        if count > 0 { sizes.append(count) }
        return sizes
    }

    /// Hands out the first `count` reads held for `channel`, joined to the last piece when it is the same channel's.
    private mutating func emit(_ channel: OutputChannel, reads count: Int, into out: inout [(OutputChannel, [UInt8])]) {
        guard count > 0, var batches = held[channel] else { return }
        var left = count
        while left > 0, let batch = batches.first {
            let piece: [UInt8]
            if left >= batch.ends.count {
                piece = batch.bytes
                left -= batch.ends.count
                batches.removeFirst()
            } else {
                let (taken, rest) = batch.split(after: left)
                piece = taken
                batches[0] = rest
                left = 0
            }
            append(channel, piece, to: &out)
        }
        held[channel] = batches
    }

    private mutating func append(_ channel: OutputChannel, _ bytes: [UInt8], to out: inout [(OutputChannel, [UInt8])]) {
        guard !bytes.isEmpty else { return }
        emittedTotal[channel, default: 0] += bytes.count
        if out.last?.0 == channel { out[out.count - 1].1 += bytes } else { out.append((channel, bytes)) }
    }
}
