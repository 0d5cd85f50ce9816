import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Processes as Linux's `/proc` shows them: who is whose child and what runs.
enum ProcessTable {
    /// True on systems with a Linux `/proc`; the tests that need it skip elsewhere, saying so.
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: "/proc/self/stat") }

    /// Every process below `pid`, children first.
    static func descendants(of pid: Int32) -> [Int32] {
        let table = Dictionary(allPIDs().compactMap { child in parent(of: child).map { (child, $0) } }, uniquingKeysWith: { a, _ in a })
        var found: [Int32] = []
        var frontier = [pid]
        while let next = frontier.popLast() {
            let children = table.filter { $0.value == next }.map(\.key)
            found += children
            frontier += children
        }
        return found
    }

    /// Processes whose command line is `argv`, the program compared by name (`/usr/bin/sleep` is `sleep`):
    /// for a program with a unique argument, e.g. `sleep 7101`.
    static func running(_ argv: [String]) -> [Int32] {
        allPIDs().filter { pid in
            let found = commandLine(of: pid)
            guard let program = found.first, let wanted = argv.first else { return false }
            return (program as NSString).lastPathComponent == wanted && Array(found.dropFirst()) == Array(argv.dropFirst())
        }
    }

    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// SIGKILL to each of `pids` (cleanup after a test that found them still running).
    static func killAll(_ pids: [Int32]) {
        for pid in pids { kill(pid, SIGKILL) }
    }

    private static func parent(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }

    static func allPIDs() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
    }
}
