/// The evlog release this binary is: `evlog --version`, and `evlog_version` in `--json` reports.
enum EvlogVersion {
    static let current = "0.1.0"
}
