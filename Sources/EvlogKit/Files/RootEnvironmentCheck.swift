import Foundation
import PathSafety

/// The directories root takes from its environment — `$HOME` (shell profiles, `~/.local/bin`, every tool's own
/// settings: `~/.npmrc`, `~/.config/pip`, `~/.rustup`), the rust and Python tools' homes, and `$XDG_CONFIG_HOME`
/// (where the host key is) — pass the rule `--home` passes (`LockedPath`): only root may change them (trust19 #9).
/// `sudo -E` keeps a user's `HOME=/home/deploy`: root would then run that user's toolchains and settings, write
/// root-owned files into their home, and seal with a key they hold. Checked once, before any command parses, for
/// every command that may run something or read a key (`applies(to:)`).
public enum RootEnvironmentCheck {
    /// The variables naming a directory evlog or the tools it runs read as root's own, in the order they are judged.
    public static let directoryVariables = [
        "HOME", "XDG_CONFIG_HOME", "RUSTUP_HOME", "CARGO_HOME", "PIPX_HOME", "PIPX_BIN_DIR", "GOPATH",
    ]

    /// The one-line refusal for the first of `directoryVariables` that names a directory another user can change
    /// (a missing one is judged by the nearest directory on its way that exists); nil when evlog does not run as
    /// root, or every one is root's alone.
    public static func problem(environment: [String: String], user: uid_t = geteuid()) -> String? {
        guard user == 0 else { return nil }
        for name in directoryVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            // GOPATH is a list of directories, like PATH.
            let directories = name == "GOPATH" ? value.split(separator: ":").map(String.init) : [value]
            for directory in directories {
                // One not made yet is judged by where it would be made: under root's sticky /tmp it may be (root makes it).
                guard let problem = LockedPath.creationProblem(directory, user: user) else { continue }
                return "running as root with \(name)=\(directory): \(problem), so another user could change what root runs "
                    + "and reads there; " + advice(for: name)
            }
        }
        return nil
    }

    /// The commands that only read this home's logs and print them, run nothing and read no key or tool setting from
    /// those directories — and help, in any command: judged by nothing here, so `sudo -E evlog status` still answers.
    public static let readOnlyCommands: Set<String> = [
        "status", "list", "replay", "what-failed", "what-ran", "what-up", "critical-path", "cat", "completions",
    ]

    /// Whether the command line `arguments` (global options moved behind the command) needs the check: not for help,
    /// nor for `readOnlyCommands`.
    public static func applies(to arguments: [String]) -> Bool {
        guard let command = arguments.first, command != "help" else { return false }
        if arguments.contains(where: { ["--help", "-h", "--version"].contains($0) }) { return false }
        return !readOnlyCommands.contains(command)
    }

    private static func advice(for name: String) -> String {
        name == "HOME"
            ? "run evlog with root's own HOME (`sudo -H evlog …`, not `sudo -E`)"
            : "unset \(name) for root (`sudo -H evlog …`, not `sudo -E`)"
    }
}
