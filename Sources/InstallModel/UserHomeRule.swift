/// Which directory is the user's home, decided one way everywhere (the evlog home, the host key, where tools are
/// found): `$HOME` when it is an absolute path, else — unset, empty or relative (`HOME=.` would put state and keys
/// wherever the command runs) — the password database's entry, which the caller reads.
public enum UserHomeRule {
    /// `$HOME` from `environment` when absolute, else `passwordDatabase()`.
    public static func home(environment: [String: String], passwordDatabase: () -> String) -> String {
        guard let home = environment["HOME"], home.hasPrefix("/") else { return passwordDatabase() }
        return home
    }
}
