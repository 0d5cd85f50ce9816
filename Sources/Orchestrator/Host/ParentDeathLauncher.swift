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

/// Ties a command's life to evlog's on Linux, so that even `kill -9` of evlog ends the commands it ran.
///
/// swift-subprocess offers no hook between fork and exec on Linux, so a command is started through
/// the evlog executable itself in a launcher mode: it asks the kernel for SIGKILL when its parent
/// dies (`PR_SET_PDEATHSIG`), checks that the parent is still there, and execs the real program —
/// same pid, same process group. The kernel sends the signal when the *thread* that spawned the
/// process ends; swift-subprocess spawns from one worker thread that lives until evlog exits, so the
/// signal comes exactly when evlog is gone. The setting survives `exec` except into a set-user-ID
/// program (`sudo`), and is not inherited by the command's own children: those are reached through
/// the process group while evlog lives (signals, timeouts).
public struct ParentDeathLauncher: Sendable {
    /// The first argument that puts the evlog executable into launcher mode.
    public static let modeArgument = "--evlog-launch-bound-to-parent"
    /// The executable that understands `modeArgument`.
    public let launcherPath: String

    public init(launcherPath: String) { self.launcherPath = launcherPath }

    /// The running executable as the launcher, where the kernel has a parent-death signal (Linux).
    public static func currentExecutable() -> ParentDeathLauncher? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return ParentDeathLauncher(launcherPath: String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        #else
        return nil
        #endif
    }

    /// What to spawn so that `executable` with `arguments` runs bound to this process. A set-user-ID
    /// or set-group-ID program (`sudo`) is spawned as it is: the kernel clears the parent-death signal
    /// when it is exec'd, so the launcher would add a process start and nothing else.
    func wrapping(executable: String, arguments: [String]) -> (executable: String, arguments: [String]) {
        var status = stat()
        if stat(executable, &status) == 0, status.st_mode & (S_ISUID | S_ISGID) != 0 { return (executable, arguments) }
        return (launcherPath, [ParentDeathLauncher.modeArgument, String(getpid()), executable] + arguments)
    }

    /// Launcher mode: when `argv` (a whole command line) asks for it, binds this process to its
    /// parent and execs the program; returns at once when `argv` is not a launcher request.
    public static func execIfRequested(_ argv: [String]) {
        guard argv.count >= 4, argv[1] == modeArgument, let parent = pid_t(argv[2]) else { return }
        #if os(Linux)
        _ = evlog_set_parent_death_signal(SIGKILL)
        #endif
        // The parent may have died before the signal was asked for; then none would ever come.
        if getppid() != parent { _exit(128 + SIGKILL) }
        let program = argv[3]
        let arguments = [program] + argv.dropFirst(4)
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        execv(program, pointers)
        let reason = String(cString: strerror(errno))
        let message = Array("evlog: could not run \(program): \(reason)\n".utf8)
        _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        _exit(errno == ENOENT ? 127 : 126)
    }
}
