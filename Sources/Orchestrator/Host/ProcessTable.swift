import Foundation
import InstallModel

/// What the kernel says about a process (Linux `/proc`): who it is now, and whether a recorded one still runs.
public enum ProcessTable {
    /// The identity of the running process `pid`: its pid and start time (nil where `/proc` is absent).
    public static func identity(of pid: Int32) -> ProcessIdentity {
        ProcessIdentity(pid: pid, startTicks: stat(of: pid)?.startTicks)
    }

    /// Whether the process that ran `argv` as `process` is still alive: the pid exists, is not a zombie,
    /// and is the same process, not a later one given the same pid. Sameness is its start time when that
    /// was recorded, else its command line naming the recorded program.
    public static func isRunning(_ process: ProcessIdentity, argv: [String]) -> Bool {
        guard process.pid > 0, let now = stat(of: process.pid), now.state != "Z" else { return false }
        if let recorded = process.startTicks { return now.startTicks == recorded }
        guard let program = argv.first.map(baseName) else { return true }
        return commandLine(of: process.pid).contains { baseName($0) == program }
    }

    /// Who runs a command evlog launched: the launcher outlived its evlog, or the evlog (pid) that started it still does.
    public enum Launch: Equatable, Sendable {
        case orphaned
        case runBy(evlog: Int32)
    }

    /// Whether `process`, recorded as running `argv`, is an evlog launcher of that program still running it
    /// (`isRunning`), and who runs it: a dead evlog left it (`.orphaned`), or a live evlog, the plan's writer, still
    /// parents it (integrity20 #1: a second `resume` beside it must not run the step again). A recorded pid is only a
    /// claim (a crash tail no seal covers may be forged): any other process it names, however alive, is never taken
    /// for the command.
    public static func evlogLaunch(_ process: ProcessIdentity, argv: [String]) -> Launch? {
        guard isRunning(process, argv: argv), let now = stat(of: process.pid) else { return nil }
        return evlogLaunch(commandLine: commandLine(of: process.pid), parent: now.parent, of: argv)
    }

    /// Whether a process whose command line is `commandLine` and whose parent is `parent` is an evlog launcher
    /// of `argv`'s program, and whether the evlog that started it is still its parent.
    static func evlogLaunch(commandLine: [String], parent: Int32?, of argv: [String]) -> Launch? {
        guard let launch = ParentDeathLauncher.launch(in: commandLine), let program = argv.first,
              baseName(launch.program) == baseName(program) else { return nil }
        return parent == launch.parent ? .runBy(evlog: launch.parent) : .orphaned
    }

    /// The fields of `/proc/<pid>/stat` this needs: state, parent and start time. The command name (field 2)
    /// is in parentheses and may hold spaces or parentheses itself, so fields are counted after its last `)`.
    static func stat(of pid: Int32) -> (state: Character, parent: Int32?, startTicks: UInt64?)? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let text = String(data: data, encoding: .utf8), let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); the parent is field 4, the start time field 22.
        guard let state = fields.first?.first else { return nil }
        return (state, fields.count > 1 ? Int32(fields[1]) : nil, fields.count > 19 ? UInt64(fields[19]) : nil)
    }

    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
