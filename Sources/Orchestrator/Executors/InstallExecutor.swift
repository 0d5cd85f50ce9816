import InstallModel

/// `install`: place build results (`make install`, `cmake --install`) or copy one binary with its mode.
enum InstallExecutor {
    static func execute(_ p: InstallParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        switch p.method {
        case .makeInstall: return await context.runAll([["make", "-C", p.directory, "install"]], asRoot: needsRoot)
        case .cmakeInstall: return await context.runAll([["cmake", "--install", p.directory + "/build"]], asRoot: needsRoot)
        case .copyBinary:
            guard let source = p.source, let destination = p.destination else {
                return .failed(.unexplained("copy_binary needs a source and a destination"))
            }
            let directory = parentDirectory(of: destination)
            return await context.runAll(
                [["install", "-d", directory], ["install", "-m", p.mode ?? "0755", p.directory + "/" + source, destination]],
                asRoot: needsRoot)
        }
    }
}
