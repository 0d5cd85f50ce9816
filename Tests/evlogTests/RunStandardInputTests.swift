import Foundation
import InstallModel
import Testing

/// `evlog run` passes its standard input to the command, like `script` (F8): what a pipe gives the
/// command is what it reads, and only the command's output is recorded.
struct RunStandardInputTests {
    /// Runs `evlog run -- cat` with `input` on its standard input; returns the stdout text the log recorded.
    static func recordedOutput(of input: Data) throws -> String {
        let home = try ReadSideCommandTests.temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = ReadSideCommandTests.root.appendingPathComponent(".build/debug/evlog")
        process.arguments = ["run", "--yes", "--home", home.path, "--", "cat"]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let export = try ReadSideCommandTests.evlog(["export", "latest", "--jsonl", "--home", home.path])
        return export.text.split(separator: "\n").compactMap { line -> String? in
            guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                event["type"] as? String == "output_chunk", event["stream"] as? String == "stdout"
            else { return nil }
            return event["text"] as? String
        }.joined()
    }

    @Test(arguments: 1...3 as ClosedRange<UInt64>)
    func aPipedInputReachesTheCommand(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let lines = (0..<Int(1 + generator.next() % 40)).map { _ in
            String((0..<Int(generator.next() % 70)).map { _ in Character(UnicodeScalar(UInt8(32 + generator.next() % 95))) })
        }
        let input = lines.map { $0 + "\n" }.joined()
        #expect(try Self.recordedOutput(of: Data(input.utf8)) == input, "seed \(seed)")
    }
}
