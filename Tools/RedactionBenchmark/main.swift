// evlog-redaction-bench: what the secret policy costs a recording, on the output check 09 records.
//
//   swift build -c release --product evlog-redaction-bench && .build/release/evlog-redaction-bench [--megabytes 64] [--corpus FILE]
//
// The corpus (built as check 09 builds it when no --corpus is given): `apt-cache show` of 4000 packages,
// `dpkg -l` and changelogs from /usr/share/doc, repeated to --megabytes. It is cut into 4 KiB chunks (what
// a pipe delivers) and recorded into an event log with the policy off (the chunks appended as they are)
// and on (each chunk through a `SecretStream` first, as the recorder does), beside `cat | lz4 -1`, the
// goal in the README's bench section. Best of 3. Results go in the README's bench table.
import EventLog
import Foundation
import Orchestrator

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let position = arguments.firstIndex(of: name), position + 1 < arguments.count else { return nil }
    return arguments[position + 1]
}

let megabytes = Int(option("--megabytes") ?? "64") ?? 64
let directory = NSTemporaryDirectory() + "/evlog-redaction-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let chunkBytes = 4096

func shell(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
}

let corpusPath = option("--corpus") ?? directory + "/mix"
if option("--corpus") == nil {
    try shell(["-c", """
        { apt-cache show $(apt-cache pkgnames 2>/dev/null | head -4000) 2>/dev/null; dpkg -l; \
        find /usr/share/doc -name 'changelog*' -size -200k 2>/dev/null | head -200 | xargs zcat -f 2>/dev/null; } > "$1"
        """, "sh", corpusPath])
}
let mix = try [UInt8](Data(contentsOf: URL(fileURLWithPath: corpusPath)))
guard !mix.isEmpty else { fatalError("empty corpus at \(corpusPath)") }
var big: [UInt8] = []
while big.count < megabytes << 20 { big += mix }
let bigPath = directory + "/big"
try Data(big).write(to: URL(fileURLWithPath: bigPath))
let chunks = stride(from: 0, to: big.count, by: chunkBytes).map { Array(big[$0..<min(big.count, $0 + chunkBytes)]) }

func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<3 {
        let start = ContinuousClock.now
        try body()
        let elapsed = start.duration(to: .now)
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

/// Records every chunk (redacted first when `policy` is given) into a fresh log.
func record(policy: SecretPolicy?) throws {
    let path = directory + "/log"
    try? FileManager.default.removeItem(atPath: path)
    let writer = try LogWriter.open(path: path, label: "p-bench", creator: "evlog-redaction-bench", createdAtMicros: 0, options: LogWriterOptions())
    var stream = policy?.makeStream()
    for chunk in chunks {
        let bytes = stream == nil ? chunk : stream!.process(chunk).bytes
        try writer.append(bytes)
    }
    if let rest = stream?.finish().bytes, !rest.isEmpty { try writer.append(rest) }
    try writer.close()
}

let megabytesOfPayload = Double(big.count) / 1_000_000
func report(_ name: String, _ seconds: Double, against reference: Double? = nil) {
    var text = name.padding(toLength: 52, withPad: " ", startingAt: 0) + String(format: "%7.0f MB/s %8.3f s", megabytesOfPayload / seconds, seconds)
    if let reference { text += String(format: "   %.2fx cat | lz4 -1", seconds / reference) }
    print(text)
}

print("evlog-redaction-bench: \(big.count) bytes (\(mix.count)-byte corpus repeated), \(chunkBytes)-byte chunks, best of 3")
let lz4 = try best { try shell(["-c", "cat \"$1\" | lz4 -1 -q -f - \"$2\"", "sh", bigPath, directory + "/out.lz4"]) }
report("cat | lz4 -1 (the goal)", lz4)
let redactOnly = best {
    var stream = SecretPolicy().makeStream()
    for chunk in chunks { _ = stream.process(chunk) }
    _ = stream.finish()
}
report("redaction alone (SecretStream, no registered secret)", redactOnly, against: lz4)
let registered = SecretPolicy(secrets: ["Qk7mP2R7xR9vLsecret", "hunter2-correct-horse"])
let redactRegistered = best {
    var stream = registered.makeStream()
    for chunk in chunks { _ = stream.process(chunk) }
    _ = stream.finish()
}
report("redaction alone, two registered secrets", redactRegistered, against: lz4)
let off = try best { try record(policy: nil) }
report("record, policy off (log append only)", off, against: lz4)
let on = try best { try record(policy: SecretPolicy()) }
report("record, policy on", on, against: lz4)
print(String(format: "policy on / off: %.2fx; redaction is %.0f%% of a recording", on / off, 100 * (on - off) / on))
