import Foundation

/// Runs a short evlog command (a dry run) and returns its standard output; a failure is a `ServeError`
/// with its last line of standard error. Output goes through files, so no pipe can fill and block it.
enum CommandOutput {
    static let timeout = Duration.seconds(30)

    static func run(_ argv: [String]) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("evlog-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out").path
        let err = directory.appendingPathComponent("err").path
        guard FileManager.default.createFile(atPath: out, contents: nil), FileManager.default.createFile(atPath: err, contents: nil) else {
            throw ServeError(500, "cannot create files under \(directory.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw ServeError(504, "\(argv.dropFirst().prefix(2).joined(separator: " ")) took longer than \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        guard process.terminationStatus == 0 else {
            throw ServeError(process.terminationStatus == 2 ? 400 : 500, DetachedProcess.lastLine(of: err))
        }
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}
