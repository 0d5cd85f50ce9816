#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CProcessControl
#endif
import PathSafety

/// Ties a command's life, and its whole process tree's, to evlog's on Linux, so that even `kill -9` of
/// evlog ends the commands it ran and everything they started.
///
/// swift-subprocess offers no hook between fork and exec on Linux, so a command is started through
/// the evlog executable itself in a launcher mode. The launcher leads the command's process group
/// (its pid is the one evlog signals and records), asks the kernel for a signal when its parent dies
/// (`PR_SET_PDEATHSIG`), becomes a child subreaper (`PR_SET_CHILD_SUBREAPER`, so orphaned grandchildren
/// are re-parented to it instead of init), spawns the real program and waits. It ends the way the
/// program ended (same exit code, same signal). When evlog dies, it ends every descendant — also those
/// that left the group, and `sudo` and what sudo runs, as far as its user may signal them — then itself;
/// when evlog stops the group (a signal), it does the same once the program has ended.
///
/// The kernel sends the death signal when the *thread* that spawned the launcher ends; swift-subprocess
/// spawns from one worker thread that lives until evlog exits, so it comes exactly when evlog is gone;
/// the launcher also checks its parent every `parentCheckMilliseconds` in case it does not.
/// Only Linux has both prctl settings; elsewhere commands run unwrapped (`currentExecutable()` is nil).
public struct ParentDeathLauncher: Sendable {
    /// The first argument that puts the evlog executable into launcher mode.
    public static let modeArgument = "--evlog-launch-bound-to-parent"
    /// How often the launcher also looks whether its parent is still there and its program has ended
    /// (should a signal have gone to another thread of the runtime instead of the waiting one).
    static let parentCheckMilliseconds = 50
    /// The executable that understands `modeArgument`.
    public let launcherPath: String

    public init(launcherPath: String) { self.launcherPath = launcherPath }

    /// The running executable as the launcher, where the kernel has a parent-death signal (Linux).
    public static func currentExecutable() -> ParentDeathLauncher? {
        #if os(Linux)
        return LockedPath.linkTarget("/proc/self/exe").map(ParentDeathLauncher.init(launcherPath:))
        #else
        return nil
        #endif
    }

    /// What to spawn so that `executable` with `arguments` runs bound to this process (also `sudo`:
    /// the launcher stays an ordinary process and spawns it).
    func wrapping(executable: String, arguments: [String]) -> (executable: String, arguments: [String]) {
        (launcherPath, [ParentDeathLauncher.modeArgument, String(getpid()), executable] + arguments)
    }

    /// When `commandLine` (a process's whole command line) is a launcher's as `wrapping` makes it: the pid of
    /// the evlog that started it and the program it runs; nil for any other process.
    public static func launch(in commandLine: [String]) -> (parent: Int32, program: String)? {
        guard commandLine.count >= 4, commandLine[1] == modeArgument, let parent = Int32(commandLine[2]) else { return nil }
        return (parent, commandLine[3])
    }

    /// Launcher mode: when `argv` (a whole command line) asks for it, runs the program bound to the
    /// parent and exits as it did; returns at once when `argv` is not a launcher request.
    public static func runIfRequested(_ argv: [String]) {
        guard argv.count >= 4, argv[1] == modeArgument, let parent = pid_t(argv[2]) else { return }
        #if os(Linux)
        // A signal ignored by default: should a thread that does not block it take it, nothing ends
        // the launcher early, and the parent check below still sees evlog gone.
        let parentDeathSignal = SIGURG
        // Signals evlog sends the whole group to stop it (SIGTERM, SIGINT, SIGHUP, SIGQUIT) reach the
        // program directly; the launcher only notes them, stays to report how the program ended, and then
        // ends what the program left behind (a grandchild that left the group). SIGPIPE must not end it.
        let stopSignals = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]
        var waited = sigset_t()
        sigemptyset(&waited)
        for signal in stopSignals + [parentDeathSignal, SIGCHLD] { sigaddset(&waited, signal) }
        sigprocmask(SIG_BLOCK, &waited, nil)
        _ = evlog_set_parent_death_signal(parentDeathSignal)
        _ = evlog_set_child_subreaper()
        // The parent may have died before the signal was asked for; then none would ever come.
        if getppid() != parent { _exit(128 + SIGKILL) }
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
        let program = argv[3]
        guard let child = spawn(program, arguments: [program] + argv.dropFirst(4), resetting: stopSignals + [SIGPIPE, parentDeathSignal, SIGCHLD]) else {
            _exit(errno == ENOENT ? 127 : 126)
        }
        var info = siginfo_t()
        var tick = timespec(tv_sec: 0, tv_nsec: parentCheckMilliseconds * 1_000_000)
        var stopping = false
        while true {
            let signal = sigtimedwait(&waited, &info, &tick)
            if signal == parentDeathSignal || getppid() != parent {
                ProcessTreeReaper.endDescendants()
                _exit(128 + SIGKILL)
            }
            if stopSignals.contains(signal) { stopping = true }
            var status: Int32 = 0
            var reaped = waitpid(-1, &status, WNOHANG)
            while reaped > 0 {
                defer { reaped = waitpid(-1, &status, WNOHANG) }
                guard reaped == child else { continue }
                if stopping { ProcessTreeReaper.endDescendants() } else { BackgroundOutputHolders.settle(program: program) }
                exitAs(status)
            }
        }
        #endif
    }

    #if os(Linux)
    /// Ends this process the way `status` (from `waitpid`) says the program ended, so evlog sees the
    /// same exit code or the same signal.
    private static func exitAs(_ status: Int32) -> Never {
        let termination = status & 0x7f
        if termination == 0 { _exit((status >> 8) & 0xff) }
        _ = Glibc.signal(termination, SIG_DFL)
        var only = sigset_t()
        sigemptyset(&only)
        sigaddset(&only, termination)
        sigprocmask(SIG_UNBLOCK, &only, nil)
        _ = kill(getpid(), termination)
        _exit(128 + termination)
    }

    /// Starts `program` in the launcher's process group with default signal handling and no blocked
    /// signals (what the launcher ignores or waits for must not leak into it); nil, with `errno`, when it
    /// cannot start (the reason is written to stderr, as a shell would).
    private static func spawn(_ program: String, arguments: [String], resetting signals: [Int32]) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in signals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, program, nil, &attributes, pointers, environ)
        guard result == 0 else {
            errno = result
            let message = Array("evlog: could not run \(program): \(String(cString: strerror(result)))\n".utf8)
            _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            errno = result
            return nil
        }
        return child
    }
    #endif
}
