import Crypto
import EventLog
import Foundation
import InstallModel
import Sealing
import Testing

/// `SealStreamVerifier` (reproduce checks the seals in the pass that reads the log's outline) gives the verdict of
/// `SealVerifier.verify`, which reads the file a second time: generated logs, whole, unsealed, crashed, with a record
/// edited, records appended after the final seal, or cut at a record.
@Suite struct SealStreamVerifierTests {
    let key = HostKey(Curve25519.Signing.PrivateKey())

    /// The report of `path` read record by record as a stream hands them over (`LogReader.withNextRecord`).
    static func streamed(_ path: String) throws -> SealReport? {
        let reader = try LogReader(path: path)
        let seals = SealStreamVerifier(path: path)
        while try reader.withNextRecord({ _, payload in seals.observe(header: reader.header, payload: payload) }) != nil {}
        return seals.report
    }

    @Test func generatedLogsGetTheVerdictOfASecondRead() throws {
        var generator = SplitMix64(seed: 26)
        for trial in 0..<40 {
            let count = 3 + Int(generator.next() % 20)
            let seals = Set((0..<Int(generator.next() % 4)).map { _ in 1 + Int(generator.next() % UInt64(count)) })
            let path = try SealedLogs.newLogPath()
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            let stored = try SealedLogs.write(
                path, count: count, sealAfter: seals, key: generator.next() % 5 == 0 ? nil : key, crashed: generator.next() % 4 == 0)
            let variant: String
            switch generator.next() % 4 {
            case 0: variant = path
            case 1: variant = try SealedLogs.forge(path, record: Int(generator.next() % UInt64(stored.count)), byte: 12)
            case 2: variant = try SealedLogs.rewrite(path) { $0.append(SealedLogs.Record(payload: stored[0], checkpoint: false)) }
            default:
                let keep = 1 + Int(generator.next() % UInt64(stored.count))
                variant = try SealedLogs.rewrite(path) { $0.removeLast($0.count - keep) }
            }
            let once = try #require(try Self.streamed(variant), "trial \(trial)")
            let twice = try SealVerifier.verify(path: variant)
            #expect(once.summary == twice.summary, "trial \(trial)")
            #expect(once.editFound == twice.editFound && once.firstUncovered == twice.firstUncovered, "trial \(trial): \(twice.summary)")
            #expect(once.endPoint == twice.endPoint && once.isWholeBundle == twice.isWholeBundle, "trial \(trial)")
        }
    }
}
