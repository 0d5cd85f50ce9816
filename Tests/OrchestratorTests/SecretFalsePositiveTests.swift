import Foundation
@testable import Orchestrator
import Testing

/// Real output with no secret in it (every text file under `Fixtures/`: captured install output, logs,
/// plans, golden renderings) loses nothing to redaction: hashes, UUIDs, versions, checksums and
/// base64 payloads are not secrets (the bound: under 1 redaction per 10 MB).
@Test func realOutputWithoutSecretsIsNotRedacted() throws {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    let files = try #require(FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: [.isRegularFileKey]))
    var bytes = 0
    var redacted: [String] = []
    for case let file as URL in files {
        guard let text = try? String(contentsOf: file, encoding: .utf8), !text.contains("\0") else { continue }
        let data = Array(text.utf8)
        bytes += data.count
        var stream = SecretPolicy().makeStream()
        var out: [UInt8] = []
        // 4 KiB writes, as a pipe delivers them.
        for start in stride(from: 0, to: data.count, by: 4096) { out += stream.process(Array(data[start..<min(data.count, start + 4096)])).bytes }
        out += stream.finish().bytes
        let before = text.components(separatedBy: SecretPolicy.markerText).count
        let after = String(decoding: out, as: UTF8.self).components(separatedBy: SecretPolicy.markerText).count
        if after > before { redacted.append("\(file.lastPathComponent): \(after - before)") }
    }
    #expect(bytes > 100_000, "the fixtures were read (\(bytes) bytes)")
    #expect(redacted.isEmpty, "\(redacted)")
}
