import Foundation
import Orchestrator
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
    /// (a missing one is judged by the nearest directory on its way that exists, and refused under a sticky `/tmp`); nil when evlog does not run as
    /// root, or every one is root's alone.
    public static func problem(environment: [String: String], user: uid_t = geteuid()) -> String? {
        guard user == 0 else { return nil }
        for name in directoryVariables {
            guard let value = environment[name], !value.isEmpty else { continue }
            // GOPATH is a list of directories, like PATH.
            let directories = name == "GOPATH" ? value.split(separator: ":").map(String.init) : [value]
            for directory in directories {
                // One not made yet is judged by the nearest directory on its way that exists, and a sticky /tmp does not
                // pass: evlog makes none of these before it uses them, so another user could make it first (review15 R4).
                guard let problem = LockedPath.directoryProblem(directory, user: user, orNearestParent: true) else { continue }
                return "running as root with \(name)=\(directory): \(problem), so another user could change what root runs "
                    + "and reads there; " + advice(for: name)
            }
        }
        // npm's settings reach root's installs (`ChildEnvironment.installAllowedPrefixes`); one naming a path is a file
        // or directory npm reads or runs (`script_shell`, `userconfig`, `prefix`, `cafile`): judged by the same rule
        // (trust20 #11: `npm_config_script_shell` pointing at a user's file made root's `npm install` run it).
        for (name, value) in environment.sorted(by: { $0.key < $1.key })
        where ChildEnvironment.installAllowedPrefixes.contains(where: { name.hasPrefix($0) }) && value.hasPrefix("/") {
            var info = stat()
            let isFile = stat(value, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
            guard let problem = isFile ? LockedPath.problem(value, user: user) : LockedPath.directoryProblem(value, user: user, orNearestParent: true)
            else { continue }
            return "running as root with \(name)=\(value): \(problem), so another user could change what root's npm runs and reads; "
                + advice(for: name)
        }
        return nil
    }

    /// The commands that only read this home's logs and print them, run nothing and read no key or tool setting from
    /// those directories — and help, in any command: judged by nothing here, so `sudo -E evlog status` still answers.
    public static let readOnlyCommands: Set<String> = [
        "status", "list", "replay", "what-failed", "what-ran", "what-up", "critical-path", "cat", "completions",
    ]

    /// Whether the command line `arguments` (global options moved behind the command) needs the check: not for help,
    /// nor for `readOnlyCommands`. Only evlog's own options count: what follows `--` is the command `evlog run` runs
    /// (`df -h`, `cargo --version`), not a request for help (review15 R2).
    public static func applies(to arguments: [String]) -> Bool {
        guard let command = arguments.first, command != "help" else { return false }
        if arguments.prefix(while: { $0 != "--" }).contains(where: { ["--help", "-h", "--version"].contains($0) }) { return false }
        return !readOnlyCommands.contains(command)
    }

    private static func advice(for name: String) -> String {
        name == "HOME"
            ? "run evlog with root's own HOME (`sudo -H evlog …`, not `sudo -E`)"
            : "unset \(name) for root (`sudo -H evlog …`, not `sudo -E`)"
    }
}
