/// What an exit status says on its own, for evidence: `exit status 124: killed by timeout`.
///
/// Shells report a child killed by signal N as 128 + N, and `timeout(1)` exits 124 when its limit fires,
/// so these statuses are evidence even when the output says nothing.
enum ExitStatus {
    /// Signal names by number (Linux numbering; the ones a failed install meets).
    static let signalNames: [Int32: String] = [
        1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL",
        11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ",
    ]

    /// The evidence line for a status: its meaning when it has one.
    static func evidence(_ code: Int32) -> String {
        guard let meaning = meaning(code) else { return "exit status \(code)" }
        return "exit status \(code): \(meaning)"
    }

    static func meaning(_ code: Int32) -> String? {
        switch code {
        case 124: return "killed by timeout"
        case 126: return "the program was found but could not be executed (permissions or binary format)"
        case 127: return "command not found"
        case 137: return "killed by SIGKILL (the out-of-memory killer, or kill -9)"
        case 139: return "killed by SIGSEGV (segmentation fault: the program crashed)"
        case 129...159:
            return signalNames[code - 128].map { "killed by \($0)" } ?? "killed by signal \(code - 128)"
        default: return nil
        }
    }
}
