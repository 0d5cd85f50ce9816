import EventLog
import Foundation
import InstallModel
import Orchestrator
import Testing

@testable import Server

/// A secret cut between two output chunks of a log written without redaction (another host's bundle,
/// an older evlog's log in this home) shows no piece of itself on the plan page, the raw download or the
/// event stream: the server reads every log through `PlanEventStream`, which applies this evlog's policy
/// (`EventScrubber`) and holds an unfinished word back until its next chunk.
@Suite struct SplitSecretTests {
    static let secrets = ["PASSWORD=Zq8hunter2Vv9x", "AKIAIOSFODNN7EXAMPLE", "token: ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"]
    /// Pieces of the values above that must never be shown (`AKIA`, a key id's kind, may be).
    static let pieces = ["hunter", "Zq8h", "2Vv9", "IOSF", "ODNN", "EXAMPLE", "A1b2", "Q7r8", "E5f6"]

    @Test(arguments: [UInt64(1), 2, 3])
    func aSecretCutBetweenChunksOfABundleShowsNoPiece(seed: UInt64) async throws {
        let recorded = try RecordedPlan(seed: 95)
        try recorded.recordOutput(lines: 3)
        try recorded.finish()
        var generator = SplitMix64(seed: seed)
        // The same plan, its output replaced by chunks that cut each secret at a seeded place.
        var chunks: [[UInt8]] = []
        for secret in Self.secrets {
            let bytes = Array("export \(secret)\n".utf8)
            let cut = 8 + Int(generator.next() % UInt64(bytes.count - 10))
            chunks += [Array(bytes[..<cut]), Array(bytes[cut...])]
        }
        let bundles = recorded.home + "/bundles"
        try FileManager.default.createDirectory(atPath: bundles, withIntermediateDirectories: true)
        try Self.writeAsOlderEvlog(recorded, to: bundles + "/host-1.evlog", label: "host-1", output: chunks)

        // The check can see a piece: the file holds them.
        var written: [UInt8] = []
        try LogReader(path: bundles + "/host-1.evlog").forEachRecord { _, _, payload in written += payload }
        #expect(Self.pieces.contains { String(decoding: written, as: UTF8.self).contains($0) })
        // The same file as one of this home's plans (an older evlog recorded it) is shown redacted too.
        try FileManager.default.copyItem(atPath: bundles + "/host-1.evlog", toPath: recorded.home + "/plans/p-rawhost00001.evlog")

        let configuration = ServeConfiguration(home: recorded.home, bundles: bundles, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        for base in ["/fleet/host-1", "/plans/p-rawhost00001"] {
            for path in [base, base + "/steps/\(recorded.step.rawValue)/output", base + "/events"] {
                let response = await router.respond(AccessTests.request(path, headers: [AccessTests.bearer]))
                #expect(response.status == 200, "\(path)")
                let text = try await Self.body(response)
                #expect(text.contains("export"), "\(path) shows no output")
                for piece in Self.pieces { #expect(!text.contains(piece), "\(path) shows \(piece)") }
            }
        }
    }

    /// A private key whose body spans many blocks of such a log: a window onto the log's end (the page's tail,
    /// the earlier-output pages from every block) starts inside the block, and still shows no line of its body, as
    /// `replay` does — the policy reads on from before the window (serve10 finding 2: 2,000 body lines in clear).
    @Test func aKeyBlockBegunBeforeTheWindowShowsNoBodyLine() async throws {
        let recorded = try RecordedPlan(seed: 96)
        try recorded.recordOutput(lines: 3)
        try recorded.finish()
        var generator = SplitMix64(seed: 96)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let body = (0..<1500).map { line in
            "KEYBODY\(line)" + String(decoding: (0..<56).map { _ in alphabet[Int(generator.next() % 64)] }, as: UTF8.self)
        }
        let lines = ["-----BEGIN RSA PRIVATE KEY-----"] + body + ["-----END RSA PRIVATE KEY-----", "done"]
        let path = recorded.home + "/plans/p-rawkey000001.evlog"
        // The smallest blocks: the key spans dozens of them.
        let chunks = stride(from: 0, to: lines.count, by: 50).map { Array((lines[$0..<min($0 + 50, lines.count)].joined(separator: "\n") + "\n").utf8) }
        try Self.writeAsOlderEvlog(recorded, to: path, label: "p-rawkey000001", output: chunks,
                                   blockBytes: LogWriterOptions.blockBytesTargetRange.lowerBound)
        let log = try PlanLog(path: path)
        let starts = try log.blockStarts()
        #expect(starts.count > 20, "the key spans \(starts.count) blocks")

        let configuration = ServeConfiguration(home: recorded.home, bundles: nil, simulationFixtureSet: nil, executable: "/bin/false")
        let router = Router(configuration: configuration, access: AccessGuard(token: AccessTests.token, listenHost: "127.0.0.1", port: AccessTests.port))
        var paths = ["/plans/p-rawkey000001"] + starts.indices.map { "/plans/p-rawkey000001/output?before=\($0).\(UInt64.max - 1)" }
        paths.append("/plans/p-rawkey000001/steps/\(recorded.step.rawValue)/output")
        var shown = 0
        for path in paths {
            let response = await router.respond(AccessTests.request(path, headers: [AccessTests.bearer]))
            let text = try await Self.body(response)
            shown += text.contains("done") || text.contains("BEGIN") ? 1 : 0
            #expect(!text.contains("KEYBODY"), "\(path) shows the key's body: \(text.prefix(300))")
        }
        #expect(shown > 0, "no window showed the output around the key")
    }

    /// `recorded`'s plan written again at `path` under an older evlog's header (this revision of the policy would
    /// have redacted what it records), its output replaced by `output`, one chunk each, unredacted.
    static func writeAsOlderEvlog(
        _ recorded: RecordedPlan, to path: String, label: String, output: [[UInt8]], blockBytes: Int = LogWriterOptions.blockBytesTargetDefault
    ) throws {
        let writer = try LogWriter.open(path: path, label: label, creator: "evlog 0.1", createdAtMicros: 1,
                                        options: LogWriterOptions(blockBytesTarget: blockBytes))
        var sequence: UInt64 = 0
        var wroteOutput = false
        for event in try recorded.log.events() {
            if case .outputChunk(let step, let stream, _, _) = event.body {
                guard !wroteOutput else { continue }
                wroteOutput = true
                for chunk in output {
                    sequence += 1
                    try writer.append(try EventPayload.encode(Event(sequence: sequence, time: event.time, body: .outputChunk(step: step, stream: stream, data: chunk, redacted: false))))
                }
                continue
            }
            sequence += 1
            try writer.append(try EventPayload.encode(Event(sequence: sequence, time: event.time, body: event.body)))
        }
        try writer.close()
    }

    static func body(_ response: ServerResponse) async throws -> String {
        switch response.body {
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .stream(let produce):
            final class Collected: @unchecked Sendable { var bytes: [UInt8] = [] }
            let collected = Collected()
            try await produce(ServerResponse.BodyWriter { collected.bytes += $0 })
            return String(decoding: collected.bytes, as: UTF8.self)
        }
    }
}
