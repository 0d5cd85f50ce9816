import Foundation
#if os(Linux)
import CProcessControl
#endif

/// Starts an evlog command in its own session (`setsid`), standard input and output on /dev/null and
/// standard error in a file: it outlives the browser that asked for it and the server itself, and no
/// terminal signal or closed pipe reaches it. It inherits no other descriptor of the server (its listening socket,
/// the request's connection: a plan started from the page kept the port after the server stopped). Argv end to
/// end, no shell.
struct DetachedProcess {
    let pid: pid_t
    /// Where its standard error goes (read when it fails early).
    let errorFile: String

    static func start(_ argv: [String], errorFile: String) throws -> DetachedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        // Never through a link: a file planted as a link would be truncated to this output (serve22 #7).
        posix_spawn_file_actions_addopen(&actions, 2, errorFile, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        #if os(Linux)
        evlog_spawn_close_from(&actions, 3)
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID))
        #else
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif
        let arguments = argv.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, argv[0], &actions, &attributes, arguments, environ)
        guard result == 0 else {
            throw ServeError(500, "cannot start \(argv[0]): \(String(cString: strerror(result)))")
        }
        return DetachedProcess(pid: pid, errorFile: errorFile)
    }

    /// `POSIX_SPAWN_SETSID` (a GNU and Darwin extension the C headers hide from Swift on Linux).
    #if os(Linux)
    private static let spawnSetSID: Int32 = 0x80
    #else
    private static let spawnSetSID: Int32 = POSIX_SPAWN_SETSID
    #endif

    /// The exit status if the process has ended (it is then reaped), nil while it runs.
    func exitStatus() -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Reaps the process whenever it ends, on a thread of its own (no zombie stays behind).
    func reapWhenDone() {
        let pid = pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        }
    }

    /// The last line it wrote to standard error (its one-line reason when it failed).
    var lastErrorLine: String { Self.lastLine(of: errorFile) }

    /// A command's reason from its standard error file: the last line that is an error (`evlog: …`, the option
    /// parser's `Error: …`, which a usage text follows), else the last line.
    static func lastLine(of file: String) -> String {
        let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.last { $0.hasPrefix("evlog:") || $0.hasPrefix("Error:") } ?? lines.last ?? "no reason given"
    }
}

/// A request that cannot be served, with the status and the one line to send.
struct ServeError: Error {
    var status: Int
    var message: String
    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}
