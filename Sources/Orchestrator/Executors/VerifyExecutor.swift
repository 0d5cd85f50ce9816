import Foundation
import InstallModel

/// `verify`: the binary runs and exits 0 (and prints a matching version when asked). Installed but not on
/// PATH is not a failure: the user's shell must be restarted (or PATH extended) to see it. Nor is another version
/// first on PATH (the user's own package of the tool) when the requested one is installed in a usual bin
/// directory: the step says which one wins where.
///
/// A binary named by its path (an overlay's `/opt/acme/bin/acme`, a second copy's `~/.local/bin/x`, a copy found
/// off PATH) runs only when nobody but root and this user can change it or any directory on its way, as the
/// "already installed?" probe judges: the step may run as root, and a file another user planted is never run.
enum VerifyExecutor {
    static func execute(_ p: VerifyParameters, context: ExecutionContext) async -> StepOutcome {
        let named = context.expandingHome(p.binary)
        if named.contains("/"), let problem = context.fileSystem.changeableByOthers(named) {
            guard context.fileSystem.exists(named) else { return notInstalled(p) }
            return .failed(.unexplained("\(p.binary) was not run: \(problem)", exitCode: nil))
        }
        let (result, output) = await context.runCapturing([p.binary] + p.arguments)
        if result.termination == .notFound {
            guard let path = offPathLocations(of: p.binary, context: context).first else { return notInstalled(p) }
            if let problem = context.fileSystem.changeableByOthers(path) {
                return .failed(.unexplained("\(path) was not run: \(problem)", exitCode: nil))
            }
            let (direct, directOutput) = await context.runCapturing([path] + p.arguments)
            if let failure = check(direct, directOutput, p) { return failure }
            return .done(
                exitCode: 0,
                note: "\(p.binary) is installed at \(path), which is not on your PATH: restart your shell or add \(parentDirectory(of: path)) to PATH")
        }
        guard let failure = check(result, output, p) else { return .done(exitCode: 0, note: nil) }
        guard let requested = p.requestedVersion, StepOutcome(failureOf: result, command: [p.binary]) == nil, !p.namesRequestedVersion(output)
        else { return failure }
        for path in offPathLocations(of: p.binary, context: context) where context.fileSystem.changeableByOthers(path) == nil {
            let (direct, directOutput) = await context.runCapturing([path] + p.arguments)
            guard check(direct, directOutput, p) == nil else { continue }
            return .done(
                exitCode: 0,
                note: "\(p.binary) \(requested) is installed at \(path), but the \(p.binary) first on this PATH printed \"\(firstLine(of: output))\" "
                    + "and stays: \(path) runs as \(p.binary) where \(parentDirectory(of: path)) comes first on PATH")
        }
        return failure
    }

    private static func notInstalled(_ p: VerifyParameters) -> StepOutcome {
        .failed(.known(.commandNotFound, "\(p.binary) is not installed (not on PATH or in the usual bin directories)", exitCode: 127))
    }

    private static func check(_ result: CommandResult, _ output: String, _ p: VerifyParameters) -> StepOutcome? {
        if let failure = StepOutcome(failureOf: result, command: [p.binary] + p.arguments) { return failure }
        if let requested = p.requestedVersion, !p.namesRequestedVersion(output) {
            return .failed(
                .unexplained("version mismatch: \(requested) was asked for, but \(p.binary) printed \"\(firstLine(of: output))\"", exitCode: 0))
        }
        guard let pattern = p.versionPattern else { return nil }
        // Per line: a warning printed before the version line does not hide it (truth12 F11).
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
            return .failed(.unexplained("the version pattern \(pattern) is not a valid regular expression"))
        }
        let range = NSRange(output.startIndex..., in: output)
        guard regex.firstMatch(in: output, range: range) == nil else { return nil }
        return .failed(.unexplained("version mismatch: \(p.binary) printed \"\(firstLine(of: output))\", expected /\(pattern)/", exitCode: 0))
    }

    /// The copies of `binary` where tools commonly land that a fresh shell may not have on PATH yet (or not first).
    private static func offPathLocations(of binary: String, context: ExecutionContext) -> [String] {
        let home = context.userHome
        // Where the installers' own settings put commands (repro22 #2: pipx with PIPX_BIN_DIR said "not installed").
        let variables = context.environment
        let configured = [variables["PIPX_BIN_DIR"], variables["CARGO_HOME"].map { $0 + "/bin" }, variables["GOBIN"],
                          variables["GOPATH"].map { $0 + "/bin" }, variables["npm_config_prefix"].map { $0 + "/bin" }]
            .compactMap { $0 }.filter { $0.hasPrefix("/") }
        let directories = configured + [
            home + "/.local/bin", home + "/.cargo/bin", home + "/go/bin", "/usr/local/bin", "/usr/local/go/bin",
            "/opt/homebrew/bin", "/snap/bin", home + "/.npm-global/bin",
        ]
        return directories.map { $0 + "/" + binary }.filter { context.fileSystem.isExecutable($0) }
    }

    private static func firstLine(of output: String) -> String { output.split(separator: "\n").first.map(String.init) ?? "" }
}
