import Testing
@testable import EventLog

/// What goes in comes out: same payloads, same order, same checkpoint flags.
struct RoundTripTests {
    private func roundTrip(_ payloads: [[UInt8]], checkpoints: (Int) -> Bool = { _ in false }, options: LogWriterOptions = .init()) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("log.evlog")
        let writer = try LogWriter.open(path: path, label: "p-roundtrip", creator: "EventLogTests", createdAtMicros: 42, options: options)
        for (index, payload) in payloads.enumerated() { try writer.append(payload, checkpoint: checkpoints(index)) }
        #expect(writer.recordCount == UInt64(payloads.count))
        try writer.close()

        let reader = try LogReader(path: path)
        #expect(reader.header.label == "p-roundtrip")
        #expect(reader.header.createdAtMicros == 42)
        var count = 0
        while let record = try reader.next() {
            #expect(record.index == UInt64(count))
            #expect(record.isCheckpoint == checkpoints(count))
            if record.payload != payloads[count] { Issue.record("record \(count) differs") }
            count += 1
        }
        #expect(count == payloads.count)
        #expect(reader.damage == nil)
        let verdict = try LogVerifier.verify(path: path)
        #expect(!verdict.damaged && verdict.records == UInt64(payloads.count) && verdict.validBytes == verdict.totalBytes)
    }

    @Test func oneRecordRoundTrips() throws {
        try roundTrip([Array("hello".utf8)], checkpoints: { _ in true })
    }

    @Test func thousandRecordsFromEmptyToFourMiBRoundTrip() throws {
        var random = TestRandom(seed: 1)
        var payloads: [[UInt8]] = [[], [0], random.bytes(LogFormat.recordBytesMax)]
        for index in 3..<1000 {
            let size: Int = switch index % 100 {
            case 0: Int(random.next() % UInt64(LogFormat.recordBytesMax))      // big, text-like
            case 50: Int(random.next() % (1 << 20))                            // big, random bytes
            default: Int(random.next() % 5000)
            }
            payloads.append(index % 100 == 50 ? random.bytes(size) : textPayload(index: index, bytes: size))
        }
        try roundTrip(payloads, checkpoints: { $0 % 7 == 0 })
        try roundTrip(payloads, checkpoints: { $0 % 7 == 0 }, options: LogWriterOptions(compressesInBackground: false))
    }

    @Test func millionSmallRecordsRoundTrip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("million.evlog")
        let writer = try LogWriter.open(path: path, label: "p-million", creator: "EventLogTests", createdAtMicros: 0)
        let count = 1_000_000
        var scratch = [UInt8](repeating: 0, count: 64)
        for index in 0..<count {
            let size = index % 41
            for position in 0..<size { scratch[position] = UInt8(truncatingIfNeeded: index &+ position) }
            try scratch.withUnsafeBytes { try writer.append(UnsafeRawBufferPointer(rebasing: $0[0..<size]), checkpoint: index % 1000 == 0) }
        }
        try writer.close()

        let reader = try LogReader(path: path)
        var seen = 0
        var wrong = 0
        try reader.forEachRecord { index, isCheckpoint, payload in
            let expectedSize = Int(index) % 41
            if index != UInt64(seen) || payload.count != expectedSize || isCheckpoint != (index % 1000 == 0) { wrong += 1 }
            for position in 0..<payload.count where payload[position] != UInt8(truncatingIfNeeded: Int(index) &+ position) {
                wrong += 1
            }
            seen += 1
        }
        #expect(seen == count)
        #expect(wrong == 0)
        #expect(reader.damage == nil)
    }

    @Test func recordOverFourMiBIsRefusedNamingTheLimit() throws {
        let directory = try TemporaryDirectory()
        let writer = try LogWriter.open(path: directory.file("big.evlog"), label: "p", creator: "t", createdAtMicros: 0)
        let tooBig = [UInt8](repeating: 1, count: LogFormat.recordBytesMax + 1)
        #expect(throws: EventLogError.recordTooLarge(bytes: LogFormat.recordBytesMax + 1, limit: LogFormat.recordBytesMax)) {
            try writer.append(tooBig)
        }
        #expect("\(EventLogError.recordTooLarge(bytes: 5, limit: 4))".contains("limit of 4 bytes"))
        try writer.close()
    }

    @Test func labelOverLimitIsRefused() throws {
        let directory = try TemporaryDirectory()
        let label = String(repeating: "x", count: LogFormat.labelBytesMax + 1)
        #expect(throws: EventLogError.fieldTooLong(field: "label", bytes: LogFormat.labelBytesMax + 1, limit: LogFormat.labelBytesMax)) {
            _ = try LogWriter.open(path: directory.file("l.evlog"), label: label, creator: "t", createdAtMicros: 0)
        }
    }

    @Test func incompressibleBlocksAreStoredAsIs() throws {
        var random = TestRandom(seed: 9)
        try roundTrip((0..<20).map { _ in random.bytes(100_000) })
    }
}
