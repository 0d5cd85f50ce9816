import InstallModel

/// A condition on the system a remediation needs, evaluated against a `SystemProfile`.
public enum RemediationRequirement: Hashable, Sendable, CustomStringConvertible {
    case hasSystemd
    case hasOpenRC
    case hasSudoOrRoot
    case writableRoot
    case notContainer
    case isLinux
    case isMacOS
    /// `installs_command`: the failed step installs a program to run (pipx and the like install nothing else).
    case installsCommand
    /// `pm:<name>`: the package manager is present.
    case manager(PackageManager)
    /// `binary:<name>`: a program is on PATH.
    case binary(String)

    /// Parses `has_systemd`, `pm:apt`, `binary:pipx`, …
    public init?(spelling: String) {
        switch spelling {
        case "has_systemd": self = .hasSystemd
        case "has_openrc": self = .hasOpenRC
        case "has_sudo_or_root": self = .hasSudoOrRoot
        case "writable_root": self = .writableRoot
        case "not_container": self = .notContainer
        case "is_linux": self = .isLinux
        case "is_macos": self = .isMacOS
        case "installs_command": self = .installsCommand
        default:
            if spelling.hasPrefix("pm:"), let manager = PackageManager(rawValue: String(spelling.dropFirst(3))) {
                self = .manager(manager)
            } else if spelling.hasPrefix("binary:"), spelling.count > 7 {
                self = .binary(String(spelling.dropFirst(7)))
            } else {
                return nil
            }
        }
    }

    public var description: String {
        switch self {
        case .hasSystemd: "has_systemd"
        case .hasOpenRC: "has_openrc"
        case .hasSudoOrRoot: "has_sudo_or_root"
        case .writableRoot: "writable_root"
        case .notContainer: "not_container"
        case .isLinux: "is_linux"
        case .isMacOS: "is_macos"
        case .installsCommand: "installs_command"
        case .manager(let manager): "pm:\(manager.rawValue)"
        case .binary(let name): "binary:\(name)"
        }
    }
}
