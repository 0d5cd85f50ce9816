import Foundation
import PathSafety

/// Runs a short command with a deadline and keeps at most `outputBytesMax` of its combined output.
///
/// Used only for probing (`sw_vers`, `<tool> --version`); installs go through the Orchestrator. A probe runs in
/// `/`: what it prints does not depend on the directory evlog was started in, and a relative name in an overlay's
/// probe cannot reach the overlay's own files (or any in the user's working directory).
enum CommandCapture {
    static let outputBytesMax = 64 * 1024

    /// nil when the command cannot start or outlives `timeoutSeconds` (it is then terminated).
    static func run(_ argv: [String], timeoutSeconds: Double) -> (status: Int32, output: String)? {
        guard let executable = argv.first else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(argv.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        var environment = ProcessInfo.processInfo.environment
        if let path = environment["PATH"] { environment["PATH"] = ProgramSearch.childPath(path) }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch { return nil }
        let collected = CollectedOutput()
        let reader = pipe.fileHandleForReading
        let readDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while let chunk = try? reader.read(upToCount: 4096), !chunk.isEmpty {
                if !collected.append(chunk, limit: outputBytesMax) { break }
            }
            readDone.signal()
        }
        if exited.wait(timeout: .now() + timeoutSeconds) == .timedOut {
            process.terminate()
            _ = exited.wait(timeout: .now() + 1)
            return nil
        }
        _ = readDone.wait(timeout: .now() + 1)
        return (process.terminationStatus, String(decoding: collected.data, as: UTF8.self))
    }
}

/// Output gathered on a background queue; the lock makes it safe to hand across threads.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()

    /// Appends up to `limit` bytes in total; false once the limit is reached.
    func append(_ chunk: Data, limit: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        buffer.append(chunk.prefix(max(0, limit - buffer.count)))
        return buffer.count < limit
    }

    var data: Data {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
