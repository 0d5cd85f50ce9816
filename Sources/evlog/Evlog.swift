import EvlogKit
import ArgumentParser
import EventLog
import Foundation
import Orchestrator
import PathSafety
import Rendering

/// The `evlog` command: installs developer tools and records everything in an event log.
struct Evlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evlog",
        abstract: "Install developer tools and record every step in a crash-safe event log.",
        discussion: """
            Examples:
              evlog install --simulate ripgrep      recorded outputs, no root
              evlog install ripgrep jq              the real thing
              evlog plan kubectl --profile fedora   another system's plan
              evlog list                            plans and their state
              evlog resume p-0123456789ab           after Ctrl-C or a crash
              evlog diagnose --output build.log     explain pasted output
              evlog replay                          the latest plan again
            """,
        version: EvlogVersion.current,
        subcommands: [
            InstallCommand.self,
            PlanCommand.self,
            ProfileCommand.self,
            CatalogCommand.self,
            UninstallCommand.self,
            UpgradeCommand.self,
            OutdatedCommand.self,
            ListCommand.self,
            StatusCommand.self,
            ResumeCommand.self,
            ReplayCommand.self,
            DiagnoseCommand.self,
            RemedyCommand.self,
            WhatRanCommand.self,
            WhatFailedCommand.self,
            CriticalPathCommand.self,
            WhatUpCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            RunCommand.self,
            ReproduceCommand.self,
            VerifyCommand.self,
            CatCommand.self,
            PruneCommand.self,
            CompletionsCommand.self,
            KeyCommand.self,
            BundleCommand.self,
            ServeCommand.self,
        ]
    )
}

extension EvlogMain {
    /// `--simulate=SET` names a fixture set while a bare `--simulate` uses the default one; the argument
    /// parser has no optional-value options, so the `=SET` form becomes `--simulate --fixture-set SET`.
    static func expandingOptionalValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if argument == "--" { return result + arguments[result.count...] }
            if argument.hasPrefix("--simulate=") {
                result += ["--simulate", "--fixture-set", String(argument.dropFirst("--simulate=".count))]
            } else {
                result.append(argument)
            }
        }
        return result
    }
}

/// Runs the command line and maps every error to the exit codes evlog promises (0 ok, 1 failed, 2 usage, 130 interrupted).
@main
enum EvlogMain {
    /// Prints one error line, through the secret policy as everything shown (secrets20 #8: a mistyped tool that is a
    /// token, an overlay's mirror URL with a password).
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("evlog: " + SecretPolicy().redact(message) + "\n").utf8))
    }

    static func main() async {
        // A command evlog starts passes through here first to bind itself to evlog's life.
        ParentDeathLauncher.runIfRequested(CommandLine.arguments)
        let typed = Array(CommandLine.arguments.dropFirst())
        let arguments = LeadingGlobalOptions.moved(typed)
        if let twice = LeadingGlobalOptions.givenTwice(typed) { refuse(twice, arguments: arguments) }
        let known = Evlog.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let message = CommandSuggestion.unknownCommandMessage(arguments, known: known) {
            printError(message)
            Foundation.exit(ExitCode.usage.rawValue)
        }
        let environment = ProcessInfo.processInfo.environment
        if let problem = HomeDirectoryCheck.problem(arguments: arguments, environment: environment)
            ?? (RootEnvironmentCheck.applies(to: arguments) ? RootEnvironmentCheck.problem(environment: environment) : nil)
        {
            refuse(problem, arguments: arguments)
        }
        if geteuid() == 0, RootEnvironmentCheck.applies(to: arguments), let note = ProgramSearch.skippedNote(path: environment["PATH"] ?? "") {
            FileHandle.standardError.write(Data(("evlog: note: " + note + "\n").utf8))
        }
        do {
            var command = try Evlog.parseAsRoot(Self.expandingOptionalValues(arguments))
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            if let failure = Terminal.outputFailure {
                printError("cannot write the output: \(failure); what was written is incomplete")
                Foundation.exit(ExitCode.planFailed.rawValue)
            }
        } catch let error as UserFacingError {
            // One line, whatever a log put in it: the message may quote ids, paths and reasons from a log.
            if error.code == .usage { refuse("\(shown: error.message)", arguments: arguments) }
            printError("\(shown: error.message)")
            Foundation.exit(error.code.rawValue)
        } catch where EvlogMain.refusal(error) != nil {
            refuse(EvlogMain.refusal(error) ?? "", arguments: arguments)
        } catch let error as EventLogError {
            refuse("\(shown: error.description)", arguments: arguments)
        } catch where FoundationErrorText.line(for: error) != nil {
            refuse(FoundationErrorText.line(for: error) ?? "", arguments: arguments)
        } catch {
            let code = Evlog.exitCode(for: error)
            guard code == .validationFailure else { Evlog.exit(withError: error) }
            // swift-argument-parser uses EX_USAGE (64); evlog promises 2 for usage errors.
            FileHandle.standardError.write(Data((SecretPolicy().redact(Evlog.fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(ExitCode.usage.rawValue)
        }
    }

    /// Exit 2 with `line` on stderr; a command whose `--json` promises a line on every exit 2 (`reproduce`) prints it on
    /// stdout too, whichever check refused (repro20 #3: a home refused before parsing printed no JSON).
    static func refuse(_ line: String, arguments: [String]) -> Never {
        if let json = ReproduceCommand.refusalJSON(SecretPolicy().redact(line), arguments: arguments) { Terminal.print(json) }
        printError(line)
        Foundation.exit(ExitCode.usage.rawValue)
    }
}
