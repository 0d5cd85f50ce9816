import Foundation
import InstallModel

/// Where evlog keeps its state — plans, their locks, the seals `verify` has seen — decided in one place, the
/// way every tool finds `~`: `--home`, else `$EVLOG_HOME`, else `$XDG_STATE_HOME/evlog` (when absolute), else
/// `$HOME/.local/state/evlog`, with the password database's home only when `$HOME` is unset, empty or relative (so a
/// sandboxed or CI run with its own `$HOME` never writes into the real user's state).
public enum StateHome {
    /// The state directory for a `--home` value (nil: none given) in `environment`.
    public static func directory(given home: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home { return home }
        if let home = environment["EVLOG_HOME"], !home.isEmpty { return home }
        // A relative value is ignored, as the XDG base directory specification says.
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/evlog" }
        return userHome(environment: environment) + "/.local/state/evlog"
    }

    /// The user's home as the shell sees it: `$HOME`, else (unset, empty or not absolute) the password database's.
    public static func userHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        UserHomeRule.home(environment: environment, passwordDatabase: NSHomeDirectory)
    }
}
