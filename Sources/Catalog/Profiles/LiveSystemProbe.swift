import Foundation
import PathSafety

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `SystemProbe` for this machine: real files, PATH, uname, geteuid, statvfs.
public struct LiveSystemProbe: SystemProbe {
    /// Files bigger than this are not "small files" and are not read.
    static let fileBytesMax = 256 * 1024
    /// A probe command that takes longer is treated as failed.
    static let commandTimeoutSeconds = 3.0

    public init() {}

    public func readFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: Self.fileBytesMax) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    public func directoryEntries(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    public func executablePath(_ name: String) -> String? {
        ProgramSearch.find(name, path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    }

    public func commandOutput(_ argv: [String]) -> String? {
        guard let result = CommandCapture.run(argv, timeoutSeconds: Self.commandTimeoutSeconds), result.status == 0 else {
            return nil
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func commandResult(_ argv: [String]) -> (status: Int32, output: String)? {
        CommandCapture.run(argv, timeoutSeconds: Self.commandTimeoutSeconds)
    }

    public var kernelName: String { Self.unameFields().system }
    public var machine: String { Self.unameFields().machine }
    public var effectiveUserID: UInt32 { UInt32(geteuid()) }

    public var rootIsReadOnly: Bool {
        var stats = statvfs()
        guard statvfs("/", &stats) == 0 else { return false }
        return (UInt(stats.f_flag) & UInt(ST_RDONLY)) != 0
    }

    private static func unameFields() -> (system: String, machine: String) {
        var names = utsname()
        guard uname(&names) == 0 else { return ("Linux", "x86_64") }
        let system = withUnsafeBytes(of: names.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return (system, machine)
    }
}
