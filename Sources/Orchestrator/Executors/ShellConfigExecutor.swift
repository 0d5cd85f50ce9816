import InstallModel

/// `shell_config`: PATH entries and environment variables in the right profile file for the shell.
enum ShellConfigExecutor {
    static func execute(_ p: ShellConfigParameters, context: ExecutionContext) async -> StepOutcome {
        let path = profileFile(p.shell, home: context.userHome)
        var result: StepOutcome = .skipped(detail: "\(path) already has every line")
        for line in lines(p) {
            let step = ConfigParameters(path: path, action: .ensureLine, content: line)
            let outcome = await ConfigExecutor.execute(step, needsRoot: false, context: context)
            switch outcome {
            case .done: result = outcome
            case .skipped: continue
            case .failed, .interrupted: return outcome
            }
        }
        guard case .done(let code, _) = result else { return result }
        return .done(exitCode: code, note: "restart your shell (or run `. \(path)`) to pick up the new PATH")
    }

    static func profileFile(_ shell: Shell, home: String) -> String {
        switch shell {
        case .bash: home + "/.bashrc"
        case .zsh: home + "/.zshrc"
        case .fish: home + "/.config/fish/config.fish"
        case .sh: home + "/.profile"
        }
    }

    static func lines(_ p: ShellConfigParameters) -> [String] {
        let environment = p.environment.sorted { $0.key < $1.key }
        switch p.shell {
        case .fish:
            return p.pathEntries.map { "fish_add_path \($0)" } + environment.map { "set -gx \($0.key) \($0.value)" }
        case .bash, .zsh, .sh:
            return p.pathEntries.map { "export PATH=\"\(homeRelative($0)):$PATH\"" } + environment.map { "export \($0.key)=\"\($0.value)\"" }
        }
    }

    /// `~/x` as `$HOME/x`: inside double quotes the shell does not expand `~`, and a literal `~` on PATH
    /// is found only by bash's own lookup, never by `sh`, `env` or execvp.
    static func homeRelative(_ entry: String) -> String {
        if entry == "~" { return "$HOME" }
        return entry.hasPrefix("~/") ? "$HOME" + entry.dropFirst() : entry
    }
}
