import EvlogKit
import ArgumentParser

/// `evlog completions bash|zsh|fish`: the shell completion script (plan ids complete from `evlog list`).
struct CompletionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "completions", abstract: "Print the completion script for bash, zsh or fish.",
        discussion: """
            Examples:
              evlog completions bash > /etc/bash_completion.d/evlog
              evlog completions zsh > "${fpath[1]}/_evlog"
              evlog completions fish > ~/.config/fish/completions/evlog.fish
            """)

    @Argument(help: "bash, zsh or fish.")
    var shell: String

    func validate() throws {
        if CompletionShell(rawValue: shell) == nil { throw ValidationError("give bash, zsh or fish, not '\(shell)'") }
    }

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else { return }
        let script = Evlog.completionScript(for: kind)
        print(kind == .bash ? LeadingGlobalCompletion.bash(script) : script, terminator: "")
    }
}
