/// The evlog release this binary is: `evlog --version`, and `evlog_version` in `--json` reports.
public enum EvlogVersion {
    public static let current = "0.1.0"
}
