import EventLog
import InstallModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `fuzz` mode: feeds random bytes and random mutations of a valid log to the reader, the
/// verifier and recovery. A pass means: nothing trapped, and every record handed out is one the
/// writer wrote, at the index it wrote it. Case `i` draws from its own SplitMix64 seeded from
/// (`seed`, `i`), so `--seed S --only I` replays one case exactly.
struct LogFuzzer {
    let seed: UInt64

    /// Kinds of damage a case applies; `random` ignores the valid log.
    enum Mutation: CaseIterable {
        case random, bitFlips, overwrite, truncate, delete, insert, duplicate, zeroFill, combined
    }

    func run(cases: UInt64, only: UInt64?) throws -> Bool {
        let directory = try LogFuzzer.makeTemporaryDirectory()
        defer { LogFuzzer.removeTree(directory) }
        let basePath = directory + "/base.evlog"
        let originals = try LogFuzzer.writeBase(path: basePath)
        let base = try LogFuzzer.readFile(basePath)
        let path = directory + "/case.evlog"
        say("fuzz: seed \(seed), \(only.map { "case \($0)" } ?? "\(cases) cases"), base log \(base.count) bytes, \(originals.count) records")
        var failures: UInt64 = 0
        let range = only.map { $0...$0 } ?? 0...(max(cases, 1) - 1)
        for caseIndex in range {
            var random = SplitMix64(seed: seed ^ (caseIndex &* 0x9E37_79B9_7F4A_7C15))
            let mutation = Mutation.allCases[Int(random.next() % UInt64(Mutation.allCases.count))]
            let bytes = LogFuzzer.mutate(base, with: mutation, random: &random)
            try LogFuzzer.writeFile(path, bytes)
            let recover = random.next() % 16 == 0
            if let problem = check(path: path, originals: originals, recover: recover) {
                failures += 1
                say("FAIL case \(caseIndex) (\(mutation)): \(problem); replay: evlog-log-torture fuzz --seed \(seed) --only \(caseIndex)")
                if failures >= 10 { break }
            }
            if only == nil, (caseIndex + 1) % 25_000 == 0 { say("fuzz: \(caseIndex + 1) cases") }
        }
        let total = UInt64(range.count)
        say("\(total - min(failures, total)) passed, \(failures) failed (seed \(seed))")
        return failures == 0
    }

    /// Nil when the reader, verifier and (with `recover`) the writer behaved; otherwise what went wrong.
    private func check(path: String, originals: [[UInt8]], recover: Bool) -> String? {
        var handedOut: UInt64 = 0
        do {
            let reader = try LogReader(path: path)
            while let record = try reader.next() {
                guard record.index == handedOut else { return "record index \(record.index), expected \(handedOut)" }
                guard record.index < originals.count, record.payload == originals[Int(record.index)] else {
                    return "record \(record.index) is not the one written"
                }
                handedOut += 1
            }
            let verdict = try LogVerifier.verify(path: path)
            guard verdict.records == handedOut else { return "verify counts \(verdict.records) records, reader \(handedOut)" }
            guard verdict.damaged == (reader.damage != nil) else { return "verify and reader disagree about damage" }
        } catch {
            // Refusing a file (not a log, damaged header, unreadable) is a fine answer.
        }
        guard recover else { return nil }
        do {
            let damaged = try LogFuzzer.readFile(path)
            let writer = try LogWriter.open(path: path, label: "fuzz", creator: "fuzz", createdAtMicros: 0,
                                            options: LogWriterOptions(compressesInBackground: false))
            if let recovery = writer.recovery {
                // Recovery moves the cut bytes aside, unchanged, and deletes nothing.
                let saved = try LogFuzzer.readFile(recovery.savedPath)
                unlink(recovery.savedPath)
                guard saved[...] == damaged[Int(recovery.cutOffset)...] else { return "recovery did not keep the cut bytes" }
            }
            let kept = writer.recordCount
            try writer.append(Array("appended after recovery".utf8))
            try writer.close()
            let reader = try LogReader(path: path)
            var index: UInt64 = 0
            while let record = try reader.next() {
                let expected = index < kept ? originals[Int(index)] : Array("appended after recovery".utf8)
                guard record.payload == expected else { return "after recovery record \(index) is wrong" }
                index += 1
            }
            guard reader.damage == nil, index == kept + 1 else { return "after recovery the log reads \(index) records, damage \(String(describing: reader.damage))" }
        } catch {
            // Refusing to append (damaged header, not a log) is a fine answer.
        }
        return nil
    }

    private static func mutate(_ base: [UInt8], with mutation: Mutation, random: inout SplitMix64) -> [UInt8] {
        func position(_ count: Int) -> Int { count == 0 ? 0 : Int(random.next() % UInt64(count)) }
        func noise(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        var bytes = base
        switch mutation {
        case .random:
            let prefix: [UInt8] = switch random.next() % 3 {
            case 0: []
            case 1: Array(base.prefix(8))
            default: Array(base.prefix(position(200) + 8))
            }
            return prefix + noise(position(3000))
        case .bitFlips:
            for _ in 0...(random.next() % 8) where !bytes.isEmpty {
                bytes[position(bytes.count)] ^= 1 << UInt8(random.next() % 8)
            }
        case .overwrite:
            let start = position(bytes.count)
            let length = min(Int(random.next() % 64) + 1, bytes.count - start)
            bytes.replaceSubrange(start..<(start + length), with: noise(length))
        case .truncate:
            bytes.removeLast(bytes.count - position(bytes.count + 1))
        case .delete:
            let start = position(bytes.count)
            bytes.removeSubrange(start..<min(bytes.count, start + Int(random.next() % 256) + 1))
        case .insert:
            bytes.insert(contentsOf: noise(Int(random.next() % 256) + 1), at: position(bytes.count + 1))
        case .duplicate:
            let start = position(bytes.count)
            let chunk = Array(bytes[start..<min(bytes.count, start + Int(random.next() % 2048) + 1)])
            bytes.insert(contentsOf: chunk, at: position(bytes.count + 1))
        case .zeroFill:
            let start = position(bytes.count)
            let end = min(bytes.count, start + Int(random.next() % 512) + 1)
            let fill: UInt8 = random.next() % 2 == 0 ? 0 : 0xFF
            for index in start..<end { bytes[index] = fill }
        case .combined:
            for _ in 0..<2 {
                let other = Mutation.allCases[1 + Int(random.next() % UInt64(Mutation.allCases.count - 2))]
                bytes = mutate(bytes, with: other, random: &random)
            }
        }
        return bytes
    }

    /// A log of 300 records of 0 to ~2 KB in 4 KiB blocks, some of them checkpoints.
    private static func writeBase(path: String) throws -> [[UInt8]] {
        let writer = try LogWriter.open(path: path, label: "fuzz-base", creator: "evlog-log-torture", createdAtMicros: 0,
                                        options: LogWriterOptions(blockBytesTarget: 4096, compressesInBackground: false))
        var random = SplitMix64(seed: 42)
        var records: [[UInt8]] = []
        for index in 0..<300 {
            let length = Int(random.next() % 5 == 0 ? random.next() % 2048 : random.next() % 120)
            let record = Array("line \(index): ".utf8) + (0..<length).map { UInt8(ascii: "a") + UInt8(($0 * 7 + index) % 26) }
            try writer.append(record, checkpoint: index % 37 == 0)
            records.append(record)
        }
        try writer.close()
        return records
    }

    private static func makeTemporaryDirectory() throws -> String {
        let root = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(root)/evlog-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard let made else {
            throw EventLogError.io(path: root, operation: "mkdtemp", errno: .init(rawValue: errno))
        }
        return String(cString: made)
    }

    private static func removeTree(_ directory: String) {
        for name in ["base.evlog", "base.evlog.lock", "case.evlog", "case.evlog.lock"] { unlink(directory + "/" + name) }
        rmdir(directory)
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else { throw EventLogError.io(path: path, operation: "fopen", errno: .init(rawValue: errno)) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = fread(&chunk, 1, chunk.count, file)
            if got == 0 { break }
            bytes += chunk[0..<got]
        }
        return bytes
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        guard let file = fopen(path, "wb") else { throw EventLogError.io(path: path, operation: "fopen", errno: .init(rawValue: errno)) }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
            throw EventLogError.io(path: path, operation: "fwrite", errno: .init(rawValue: errno))
        }
    }
}
