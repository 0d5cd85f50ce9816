import ArgumentParser
import Foundation

/// The `evlog` command: installs developer tools and records everything in an event log.
struct Evlog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evlog",
        abstract: "Install developer tools and record every step in a crash-safe event log.",
        discussion: """
            Examples:
              evlog install --simulate ripgrep     a full install against recorded outputs, no root needed
              evlog plan kubectl --profile fedora  what evlog would do on another system
              evlog verify ~/.local/state/evlog/plans/p-0123456789ab.evlog
            """,
        subcommands: [
            PlanCommand.self,
            ProfileCommand.self,
            InstallCommand.self,
            ResumeCommand.self,
            ListCommand.self,
            StatusCommand.self,
            RunCommand.self,
            ReplayCommand.self,
            ExportCommand.self,
            ImportCommand.self,
            WhatRanCommand.self,
            WhatFailedCommand.self,
            CriticalPathCommand.self,
            WhatUpCommand.self,
            RemedyCommand.self,
            ReproduceCommand.self,
            VerifyCommand.self,
            CatCommand.self,
        ]
    )
}

/// Runs the command line and maps every error to the exit codes evlog promises (0 ok, 1 failed, 2 usage, 130 interrupted).
@main
enum EvlogMain {
    static func main() async {
        do {
            var command = try Evlog.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UserFacingError {
            FileHandle.standardError.write(Data(("evlog: " + error.message + "\n").utf8))
            Foundation.exit(error.code.rawValue)
        } catch {
            let code = Evlog.exitCode(for: error)
            guard code == .validationFailure else { Evlog.exit(withError: error) }
            // swift-argument-parser uses EX_USAGE (64); evlog promises 2 for usage errors.
            FileHandle.standardError.write(Data((Evlog.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitCode.usage.rawValue)
        }
    }
}
