import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this machine offers the real end-to-end tests, checked once, and the apt and process helpers they share.
enum Machine {
    static let isRoot = geteuid() == 0
    static let hasApt = ChildProcess.lookUp("apt-get") != nil && ChildProcess.lookUp("dpkg-query") != nil
    static let hasPipx = ChildProcess.lookUp("pipx") != nil
    static let hasSudo = ChildProcess.lookUp("sudo") != nil && ChildProcess.lookUp("visudo") != nil
    static let canManageUsers = ["useradd", "userdel", "chpasswd", "runuser"].allSatisfy { ChildProcess.lookUp($0) != nil }

    /// The host of the first apt source (Debian's mirror on CI), reachable on its port within a few seconds.
    static let aptMirrorReachable: Bool = {
        guard hasApt else { return false }
        let (host, port) = firstAptSource() ?? ("deb.debian.org", 80)
        return reachable(host: host, port: port)
    }()

    static let pypiReachable: Bool = reachable(host: "pypi.org", port: 443)

    /// Root, apt and the mirror: what `evlog install` of a Debian package needs.
    static let canInstallWithApt = isRoot && hasApt && aptMirrorReachable

    /// True when a TCP connection to `host:port` opens within 5 seconds, or a proxy is configured
    /// (then the proxy decides, and the install itself shows whether it works).
    static func reachable(host: String, port: Int) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"].contains(where: { environment[$0]?.isEmpty == false }) {
            return true
        }
        guard ChildProcess.lookUp("bash") != nil, ChildProcess.lookUp("timeout") != nil else { return false }
        let probe = try? ChildProcess.runBlocking(["timeout", "5", "bash", "-c", "exec 3<>/dev/tcp/\(host)/\(port)"], timeoutSeconds: 10)
        return probe?.exitCode == 0
    }

    private static func firstAptSource() -> (String, Int)? {
        var texts: [String] = []
        for directory in ["/etc/apt/sources.list.d"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            where name.hasSuffix(".sources") || name.hasSuffix(".list") {
                texts.append((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "")
            }
        }
        texts.append((try? String(contentsOfFile: "/etc/apt/sources.list", encoding: .utf8)) ?? "")
        // Comment lines may name mirrors apt does not use (a snapshot archive): skip them.
        let lines = texts.flatMap { $0.components(separatedBy: "\n") }
        for line in lines where !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                guard let url = URL(string: String(word)), let scheme = url.scheme, scheme.hasPrefix("http"), let host = url.host else { continue }
                return (host, url.port ?? (scheme == "https" ? 443 : 80))
            }
        }
        return nil
    }

    // MARK: apt

    static func isInstalled(_ package: String) -> Bool {
        let check = try? ChildProcess.runBlocking(["dpkg-query", "-W", "-f=${Status}", package])
        return check?.stdout.contains("install ok installed") == true
    }

    /// dpkg's version of an installed package.
    static func installedVersion(_ package: String) -> String? {
        guard let check = try? ChildProcess.runBlocking(["dpkg-query", "-W", "-f=${Version}", package]), check.exitCode == 0 else { return nil }
        return check.stdout.isEmpty ? nil : check.stdout
    }

    /// Whether the apt archive offers `version` of `package` (`apt-cache madison`).
    static func archiveHas(_ package: String, _ version: String) -> Bool {
        let listed = try? ChildProcess.runBlocking(["apt-cache", "madison", package])
        return listed?.stdout.split(separator: "\n").contains { $0.split(separator: "|").dropFirst().first?.trimmingCharacters(in: .whitespaces) == version } == true
    }

    static let aptEnvironment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        return environment
    }()

    static func aptRemove(_ package: String) throws {
        guard isInstalled(package) else { return }
        try ChildProcess.must(["apt-get", "remove", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", package], environment: aptEnvironment)
    }

    static func aptInstall(_ package: String) throws {
        guard !isInstalled(package) else { return }
        try ChildProcess.must(["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=300", package], environment: aptEnvironment)
    }

    // MARK: processes

    /// The signal masks of `pid` (blocked, ignored, caught), as /proc/PID/status shows them in hex.
    static func signalMasks(of pid: Int32) -> String {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        return status.components(separatedBy: "\n").filter { ["SigBlk:", "SigIgn:", "SigCgt:"].contains(where: $0.hasPrefix) }
            .map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: ", ")
    }

    /// Whether `pid` is a live process (a zombie waiting to be reaped counts as gone).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }

    /// Polls `condition` every 50 ms for at most `timeoutSeconds`.
    static func waitFor(timeoutSeconds: Double, _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}

/// A scratch user for installs into a home (pipx's ~/.local/bin): a directory holding `user/` (its home) and
/// room for an evlog home, with the environment evlog runs in as that user.
struct ScratchUser {
    let root: String
    var home: String { root + "/user" }
    var environment: [String: String] { Evlog.testEnvironment(home: home) }

    static func make(prefix: String) throws -> ScratchUser {
        let user = ScratchUser(root: try TemporaryDirectory.make(prefix: prefix, mode: 0o755))
        try FileManager.default.createDirectory(atPath: user.home, withIntermediateDirectories: true)
        return user
    }
}
