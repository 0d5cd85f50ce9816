/// apt-get reads a package name as a POSIX regular expression or a glob, matched against every package name, when no
/// package has exactly that name (apt-get(8)). Debian names may hold `.` and `+` (`python3.11`, `libstdc++6`), so a
/// name from an overlay or a log such as `jq.` would install every package whose name holds "jq" and one more
/// character, as root (trust13 #13). apt's `APT::Cmd::Pattern-Only` turns that reading off (it is how `apt` itself
/// reads its arguments): a name is then only a name, or an apt pattern, which starts with `?` or `~` and no grammar
/// lets through. Commands naming such a package carry the option; the others are as they always were.
public enum AptNameMatching {
    /// The apt options that make every argument an exact name.
    public static let exactOnly = ["-o", "APT::Cmd::Pattern-Only=true"]

    /// `exactOnly` when one of `names` (a `=version` pin set aside) holds a character apt could read as a pattern.
    public static func options(for names: [String]) -> [String] {
        names.contains { name in name.prefix { $0 != "=" }.contains { $0 == "." || $0 == "+" } } ? exactOnly : []
    }
}
