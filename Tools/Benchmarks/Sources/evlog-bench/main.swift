// evlog-bench: EventLog throughput and size beside the `lz4 -1` CLI on the same bytes, same run.
//
//   swift run -c release --package-path Tools/Benchmarks evlog-bench [--corpus FILE] [--megabytes 256] [--dir /tmp]
//
// The corpus is what acceptance check 09 records: `apt-cache show` of 4000 packages, `dpkg -l` and
// changelogs from /usr/share/doc, repeated to --megabytes. Results go in Tools/Benchmarks/RESULTS.md.
import CLZ4Bench
import EventLog
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let position = arguments.firstIndex(of: name), position + 1 < arguments.count else { return nil }
    return arguments[position + 1]
}

let megabytes = Int(option("--megabytes") ?? "256") ?? 256
let directory = (option("--dir") ?? NSTemporaryDirectory()) + "/evlog-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let recordBytes = 4096
let runs = 3

// MARK: corpus

func shell(_ command: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}

let mixPath = option("--corpus") ?? directory + "/mix"
if option("--corpus") == nil {
    _ = try shell("""
        { apt-cache show $(apt-cache pkgnames 2>/dev/null | head -4000) 2>/dev/null; dpkg -l; \
        find /usr/share/doc -name 'changelog*' -size -200k 2>/dev/null | head -200 | xargs zcat -f 2>/dev/null; } > '\(mixPath)'
        """)
}
let mix = try [UInt8](Data(contentsOf: URL(fileURLWithPath: mixPath)))
guard !mix.isEmpty else { fatalError("empty corpus at \(mixPath)") }
let big: [UInt8] = {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(megabytes << 20 + mix.count)
    while bytes.count < megabytes << 20 { bytes += mix }
    return bytes
}()
let bigPath = directory + "/big"
try Data(big).write(to: URL(fileURLWithPath: bigPath))
let payloadMB = Double(big.count) / 1_000_000

// MARK: measuring

func best(_ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = ContinuousClock.now
        try body()
        let elapsed = start.duration(to: .now)
        fastest = min(fastest, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return fastest
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

func line(_ name: String, seconds: Double, bytes: Int? = nil, reference: Int? = nil) {
    var text = name.padding(toLength: 46, withPad: " ", startingAt: 0)
    text += String(format: "%8.0f MB/s  %7.3f s", payloadMB / seconds, seconds)
    if let bytes {
        text += String(format: "  %11d bytes  ratio %.3f", bytes, Double(big.count) / Double(bytes))
        if let reference { text += String(format: "  size %.3fx lz4 -1", Double(bytes) / Double(reference)) }
    }
    print(text)
}

/// Appends the corpus as 4 KB records (like output chunks) and closes the log.
func recordAll(_ path: String, options: LogWriterOptions, recordBytes: Int = recordBytes, syncEvery: Int = 0) throws {
    try? FileManager.default.removeItem(atPath: path)
    let writer = try LogWriter.open(path: path, label: "p-bench", creator: "evlog-bench", createdAtMicros: 0, options: options)
    try big.withUnsafeBytes { bytes in
        var offset = 0
        var count = 0
        while offset < bytes.count {
            let end = min(offset + recordBytes, bytes.count)
            try writer.append(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            count += 1
            if syncEvery > 0, count % syncEvery == 0 { try writer.sync() }
        }
    }
    try writer.close()
}

print("evlog-bench: \(big.count) bytes of install-like output (\(mix.count)-byte corpus repeated), \(recordBytes)-byte records, best of \(runs)")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("")

// lz4 CLI reference
let lz4Out = directory + "/out.lz4"
let lz4File = try best { _ = try shell("lz4 -1 -q -f '\(bigPath)' '\(lz4Out)'") }
let lz4Size = fileSize(lz4Out)
let lz4Pipe = try best { _ = try shell("cat '\(bigPath)' | lz4 -1 -q -f - '\(lz4Out)'") }
line("lz4 -1 CLI (file)", seconds: lz4File, bytes: lz4Size, reference: lz4Size)
line("cat | lz4 -1 CLI (pipe, as in check 09)", seconds: lz4Pipe, bytes: fileSize(lz4Out), reference: lz4Size)

// EventLog append
let logPath = directory + "/bench.evlog"
let appendBackground = try best { try recordAll(logPath, options: LogWriterOptions()) }
let logSize = fileSize(logPath)
line("EventLog append, 4 MiB blocks, background", seconds: appendBackground, bytes: logSize, reference: lz4Size)
let appendInline = try best { try recordAll(logPath, options: LogWriterOptions(compressesInBackground: false)) }
line("EventLog append, 4 MiB blocks, inline", seconds: appendInline, bytes: fileSize(logPath), reference: lz4Size)
for (name, target) in [("64 KiB", 64 << 10), ("256 KiB", 256 << 10), ("1 MiB", 1 << 20)] {
    let path = directory + "/bench-\(target).evlog"
    let seconds = try best { try recordAll(path, options: LogWriterOptions(blockBytesTarget: target)) }
    line("EventLog append, \(name) blocks, background", seconds: seconds, bytes: fileSize(path), reference: lz4Size)
    try? FileManager.default.removeItem(atPath: path)
}
let syncedPath = directory + "/synced.evlog"
let synced = try best { try recordAll(syncedPath, options: LogWriterOptions(), syncEvery: 256) }
line("EventLog append, sync() every 1 MiB", seconds: synced, bytes: fileSize(syncedPath), reference: lz4Size)
try recordAll(logPath, options: LogWriterOptions())
print("")

// EventLog read
var sum = 0
let readClosure = try best {
    let reader = try LogReader(path: logPath)
    try reader.forEachRecord { _, _, payload in sum &+= payload.count }
}
line("EventLog read+verify, forEachRecord", seconds: readClosure)
let readNext = try best {
    let reader = try LogReader(path: logPath)
    while let record = try reader.next() { sum &+= record.payload.count }
}
line("EventLog read+verify, next() (copies)", seconds: readNext)
let verify = try best { _ = try LogVerifier.verify(path: logPath) }
line("EventLog verify", seconds: verify)
let seek = try best {
    let reader = try LogReader(path: logPath)
    _ = try reader.seekToLastCheckpoint()
}
print(String(format: "EventLog seekToLastCheckpoint (header walk)      %.1f ms over %d bytes", seek * 1000, logSize))
print("")

// Building blocks, one core
var checksum: UInt64 = 0
let hashSeconds = best { big.withUnsafeBytes { checksum ^= LogFormat.checksum($0, seed: 0) } }
line("XXH64 checksum (Swift)", seconds: hashSeconds)

func compressAll(blockBytes: Int, linked: Bool) -> (Double, Int) {
    var total = 0
    let bound = Int(LZ4_compressBound(Int32(blockBytes)))
    var out = [UInt8](repeating: 0, count: bound)
    let seconds = best {
        total = 0
        let stream = LZ4_createStream()
        defer { LZ4_freeStream(stream) }
        big.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
            out.withUnsafeMutableBytes { target in
                guard let targetBase = target.baseAddress?.assumingMemoryBound(to: CChar.self) else { return }
                var offset = 0
                while offset < bytes.count {
                    let length = Int32(min(blockBytes, bytes.count - offset))
                    // Linked: each block may refer to the 64 KB before it, which stays in place in `big`.
                    let written = linked
                        ? LZ4_compress_fast_continue(stream, base + offset, targetBase, length, Int32(bound), 1)
                        : LZ4_compress_fast(base + offset, targetBase, length, Int32(bound), 1)
                    total += Int(written) + 48
                    offset += Int(length)
                }
            }
        }
    }
    return (seconds, total)
}
for blockBytes in [4 << 10, 64 << 10, 1 << 20, 4 << 20] {
    for linked in [false, true] {
        let (seconds, size) = compressAll(blockBytes: blockBytes, linked: linked)
        line("liblz4 \(linked ? "linked" : "independent") \(blockBytes >> 10) KiB blocks (+48 B hdr)", seconds: seconds, bytes: size, reference: lz4Size)
    }
}
print("")
// LZ4 frame format through the CLI: block size and linked blocks.
for flags in ["-B4", "-B5", "-B6", "-B7", "-B4 -BD", "-B7 --no-frame-crc"] {
    let seconds = try best { _ = try shell("lz4 -1 -q -f \(flags) '\(bigPath)' '\(lz4Out)'") }
    line("lz4 -1 \(flags) (frame format)", seconds: seconds, bytes: fileSize(lz4Out), reference: lz4Size)
}
print("")
print(String(format: "append / lz4 CLI (file) time ratio: %.2f (target <= 1.25, i.e. >= 0.8x throughput)", appendBackground / lz4File))
print(String(format: "append / cat|lz4 pipe time ratio:   %.2f", appendBackground / lz4Pipe))
print(String(format: "size / lz4 -1 size:                 %.3f (target <= 1.0)", Double(logSize) / Double(lz4Size)))
print(String(format: "read+verify:                        %.0f MB/s (target >= 1000)", payloadMB / readClosure))
if sum == 42 && checksum == 42 { print("") }  // keeps the work observable
