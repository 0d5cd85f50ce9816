#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// evlog's terminal lent to a command for as long as it runs (`evlog run` from a terminal), as a shell's
/// job control does: the command's process group becomes the terminal's foreground, so the command reads
/// the keyboard itself (it is interactive) and evlog records none of it. A command runs in its own
/// process group, which the terminal would otherwise stop (SIGTTIN) when it reads.
enum ForegroundTerminal {
    /// Whether standard input is a terminal whose foreground is evlog's own process group (not `evlog … &`,
    /// whose terminal belongs to the shell).
    static var isLendable: Bool { isatty(STDIN_FILENO) == 1 && tcgetpgrp(STDIN_FILENO) == getpgrp() }

    /// Makes `group` the terminal's foreground, and wakes it should it have read before (and been stopped).
    static func lend(to group: pid_t) {
        setForeground(group)
        _ = kill(-group, SIGCONT)
    }

    /// Gives the terminal back to evlog's process group.
    static func takeBack() { setForeground(getpgrp()) }

    /// `tcsetpgrp` with SIGTTOU blocked: evlog's group is in the background while the terminal is lent.
    private static func setForeground(_ group: pid_t) {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        _ = tcsetpgrp(STDIN_FILENO, group)
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
