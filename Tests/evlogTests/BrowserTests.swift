import Foundation
import Testing

/// `evlog serve` in a real browser: `Tools/browser/serve_in_chromium.py` drives headless Chromium
/// (Debian's `chromium`) with Playwright for Python. Skipped, saying why, where either is missing;
/// `.ci/run` installs both. Python with Playwright: `$EVLOG_PLAYWRIGHT_PYTHON`, the acceptance checks'
/// cached venv, or `python3`.
@Suite struct BrowserTests {
    static let chromium = "/usr/bin/chromium"

    static let python: String? = {
        let home = NSHomeDirectory()
        let candidates = [ProcessInfo.processInfo.environment["EVLOG_PLAYWRIGHT_PYTHON"], home + "/.cache/evlog-ci/pw/bin/python",
                          home + "/.cache/evlog-acceptance/pw/bin/python", "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            return (try? ChildProcess.runBlocking([candidate, "-c", "import playwright"]).exitCode) == 0
        }
    }()

    static var available: Bool { python != nil && FileManager.default.isExecutableFile(atPath: chromium) }

    @Test(.enabled(if: available, "needs Debian's chromium at /usr/bin/chromium and Python with playwright (pip install playwright)"))
    func thePagesWorkInChromium() async throws {
        let script = EvlogBinary.parent(of: EvlogBinary.parent(of: #filePath)) + "/../Tools/browser/serve_in_chromium.py"
        let screenshot = NSTemporaryDirectory() + "evlog-serve-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: screenshot) }
        let outcome = try await ChildProcess.run([Self.python!, script, EvlogBinary.path, screenshot], mergeStandardError: true, timeoutSeconds: 180)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
        #expect(FileManager.default.fileExists(atPath: screenshot))
    }

    /// A page that follows a plan printing 12 MB keeps under 5 MB of text (serve16 #9): `Tools/browser/live_window_in_chromium.py`.
    @Test(.enabled(if: available, "needs Debian's chromium at /usr/bin/chromium and Python with playwright (pip install playwright)"))
    func aFollowedPageKeepsAWindowInChromium() async throws {
        let script = EvlogBinary.parent(of: EvlogBinary.parent(of: #filePath)) + "/../Tools/browser/live_window_in_chromium.py"
        let outcome = try await ChildProcess.run([Self.python!, script, EvlogBinary.path, "12"], mergeStandardError: true, timeoutSeconds: 480)
        #expect(outcome.exitCode == 0, "\(outcome.allOutput)")
    }
}
