import Foundation
import Testing

/// `evlog export --asciicast`, played by the real asciinema CLI (installed from PyPI into a venv
/// under the test's temporary directory; the test is skipped with a message when pip cannot install it).
struct AsciicastExportTests {
    @Test func realAsciinemaPlaysTheExportedRecording() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let script = "for i in 1 2 3; do echo \"cast line $i\"; sleep 0.1; done; printf 'fetch 10%%\\rfetch 100%%\\r\\n'"
        let run = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "sh", "-c", script])
        #expect(run.exitCode == 0, "\(run.allOutput)")
        let plan = try #require(home.onlyPlan())
        let export = try await Evlog.run(["export", plan, "--asciicast", "--home", home.path])
        #expect(export.exitCode == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n").map(String.init)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2)
        #expect((header["width"] as? Int ?? 0) > 0 && (header["height"] as? Int ?? 0) > 0)
        let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [Any]) }
        let times = events.compactMap { $0.first as? Double }
        #expect(times.count == events.count && times == times.sorted())
        #expect(events.allSatisfy { $0.count == 3 && $0[1] as? String == "o" })
        #expect(times.last ?? 0 >= 0.2, "output times come from the recording")

        let directory = try TemporaryDirectory.make(prefix: "evlog-asciinema")
        defer { TemporaryDirectory.remove(directory) }
        let cast = directory + "/run.cast"
        try Data(export.stdout.utf8).write(to: URL(fileURLWithPath: cast))
        let venv = try await ChildProcess.run(["python3", "-m", "venv", directory + "/venv"], timeoutSeconds: 120)
        let pip = venv.exitCode == 0
            ? try await ChildProcess.run([directory + "/venv/bin/pip", "install", "-q", "asciinema==2.4.0"], timeoutSeconds: 300) : venv
        guard pip.exitCode == 0 else {
            print("skipped: cannot install asciinema from PyPI here: \(pip.allOutput.suffix(300))")
            return
        }
        let played = try await ChildProcess.run([directory + "/venv/bin/asciinema", "cat", cast])
        #expect(played.exitCode == 0, "\(played.allOutput)")
        #expect(played.stdout.contains("cast line 3"))
        #expect(played.stdout.contains("fetch 100%") && !played.stdout.contains("fetch 10%\r"))
    }
}

/// Live and replay draw `\r` progress in its final state and `\r\n` lines with their text.
struct CarriageReturnCommandTests {
    @Test func liveAndReplayShowFinalProgressAndCarriageReturnNewlineLines() async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let script = #"printf "(Reading database ... 5%%\r(Reading database ... 100%%\n"; printf "Unpacking demo ...\r\nSetting up demo ...\r\n""#
        let live = try await Evlog.run(["run", "--home", home.path, "--no-color", "--", "sh", "-c", script])
        let plan = try #require(home.onlyPlan())
        let replay = try await Evlog.run(["replay", plan, "--instant", "--no-color", "--home", home.path])
        for (name, text) in [("live", live.stdout), ("replay", replay.stdout)] {
            let output = text.split(separator: "\n").filter { !$0.contains("printf") }.joined(separator: "\n")
            #expect(output.contains("(Reading database ... 100%"), "\(name): \(output)")
            #expect(!output.contains("database ... 5%"), "\(name)")
            #expect(output.contains("Setting up demo ..."), "\(name)")
            #expect(!output.contains("\r"), "\(name)")
        }
    }
}
