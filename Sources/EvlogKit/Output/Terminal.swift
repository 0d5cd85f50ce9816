import Foundation
import Synchronization

/// Writing to the terminal and asking the user, without buffering surprises.
public enum Terminal {
    /// Called when a write finds its reader gone (EPIPE: `evlog run … | head` after `head` exits).
    /// SIGPIPE is ignored so evlog lives on to stop its commands and record why.
    private static let brokenPipeHandler = Mutex<(@Sendable () -> Void)?>(nil)

    public static func onBrokenPipe(_ handler: (@Sendable () -> Void)?) {
        signal(SIGPIPE, SIG_IGN)
        brokenPipeHandler.withLock { $0 = handler }
    }

    public static func write(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let written = Foundation.write(fd, base + offset, raw.count - offset)
                if written <= 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { brokenPipeHandler.withLock { $0 }?() }
                    if fd == STDOUT_FILENO, written < 0, errno != EPIPE, errno != EAGAIN {
                        let code = errno
                        outputFailureCode.withLock { $0 = $0 ?? code }
                    }
                    return
                }
                offset += written
            }
        }
    }

    /// The first error a write to standard output met (a full disk behind `> file`), kept so the command can end
    /// saying its output is incomplete instead of exiting 0 over a cut file (integrity16 #5).
    private static let outputFailureCode = Mutex<Int32?>(nil)

    /// Why standard output could not be written whole, nil when every write went through (a reader gone is not a failure).
    public static var outputFailure: String? {
        outputFailureCode.withLock { $0 }.map { "\(String(cString: strerror($0))) (errno \($0))" }
    }

    public static func print(_ text: String, to fd: Int32 = STDOUT_FILENO) { write(Array((text + "\n").utf8), to: fd) }

    public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Asks a yes/no question on the terminal; anything but y/yes is no.
    /// Stops asking, as a no, once `stopped` says so (a signal came: repro13 F2, Ctrl-C at the prompt waited for
    /// an answer), looking ten times a second while no answer has come.
    public static func confirm(_ question: String, unless stopped: () -> Bool = { false }) -> Bool {
        write(Array((question + " [y/N] ").utf8))
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while !stopped() {
            let ready = poll(&input, 1, 100)
            if ready < 0 && errno != EINTR { break }
            guard ready > 0 else { continue }
            guard let answer = readLine() else { return false }
            return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        }
        write(Array("\n".utf8))
        return false
    }

    /// Reads a password without echo (termios), or nil when there is no terminal.
    public static func readSecret(prompt: String) -> String? {
        guard inputIsTerminal else { return nil }
        write(Array(prompt.utf8), to: STDERR_FILENO)
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            write(Array("\n".utf8), to: STDERR_FILENO)
        }
        return readLine(strippingNewline: true)
    }
}
