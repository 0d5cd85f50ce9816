// evlog-log-torture: a helper for EventLog's crash, lock and fuzz tests (Tests/EventLogTests).
//
//   evlog-log-torture write <log> [--records N] [--sync-every K]   append TorturePayload records,
//       sync() every K, print "synced <count>" after each sync (the SIGKILL test kills it mid-stream)
//   evlog-log-torture hold <log> [--seconds S] [--claims-copies]    take the writer lock, print
//       "locked <pid>", keep it until stdin closes or S seconds pass; with --claims-copies a log of
//       this run's own header (as a plan's is), whose copies the lock claims too
//   evlog-log-torture fuzz [--cases N] [--seed S] [--only I]         random bytes and mutations of
//       a valid log fed to the reader; prints its seed and how to replay a failing case
//   evlog-log-torture fixture <log>                                 write the small multi-block
//       log shipped in Fixtures/logs
import EventLog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, default value: UInt64) -> UInt64 {
    guard let position = arguments.firstIndex(of: name), position + 1 < arguments.count,
          let parsed = UInt64(arguments[position + 1]) else { return value }
    return parsed
}

func say(_ line: String) {
    print(line)
    fflush(nil)  // all streams: the test reads our stdout line by line
}

func fail(_ message: String) -> Never {
    StandardError.emit("evlog-log-torture: \(message)\n")
    exit(2)
}

/// Unbuffered writes to stderr (fd 2).
enum StandardError {
    static func emit(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}

guard let mode = arguments.first else {
    fail("usage: evlog-log-torture write|hold|fuzz|fixture … (see the comment at the top of main.swift)")
}

do {
    switch mode {
    case "write":
        guard arguments.count >= 2 else { fail("write needs a log path") }
        try TortureWriter.run(
            path: arguments[1], records: option("--records", default: .max), syncEvery: option("--sync-every", default: 100))
    case "hold":
        guard arguments.count >= 2 else { fail("hold needs a log path") }
        let claimsCopies = arguments.contains("--claims-copies")
        let writer = try LogWriter.open(
            path: arguments[1], label: claimsCopies ? "hold-\(getpid())" : "hold", creator: "evlog-log-torture", createdAtMicros: 0,
            claimsCopies: claimsCopies)
        say("locked \(getpid())")
        let deadline = ContinuousClock.now.advanced(by: .seconds(Int64(option("--seconds", default: 30))))
        var byte: UInt8 = 0
        // Returns when the test closes our stdin (or it was never open), bounded by --seconds.
        while ContinuousClock.now < deadline, read(0, &byte, 1) > 0 {}
        try writer.close()
    case "fuzz":
        let seed = option("--seed", default: UInt64(UInt32(truncatingIfNeeded: getpid())) &* 2_654_435_761)
        let cases = option("--cases", default: 100_000)
        let only = arguments.contains("--only") ? option("--only", default: 0) : nil
        exit(try LogFuzzer(seed: seed).run(cases: cases, only: only) ? 0 : 1)
    case "fixture":
        guard arguments.count >= 2 else { fail("fixture needs a log path") }
        try FixtureLog.write(path: arguments[1])
    default:
        fail("unknown mode \(mode)")
    }
} catch {
    fail("\(error)")
}
