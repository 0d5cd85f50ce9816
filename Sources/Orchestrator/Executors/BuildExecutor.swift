import InstallModel

/// `build`: configure and build with make, cmake, ninja or cargo, after checking the toolchain is there.
enum BuildExecutor {
    static func execute(_ p: BuildParameters, context: ExecutionContext) async -> StepOutcome {
        let jobs = String(p.jobs ?? 2)
        let commands: [[String]]
        switch p.system {
        case .make: commands = [["make", "-C", p.directory, "-j", jobs] + p.arguments]
        case .configureMake: commands = [["./configure"] + p.arguments, ["make", "-j", jobs]]
        case .cmake:
            commands = [["cmake", "-S", p.directory, "-B", p.directory + "/build"] + p.arguments,
                        ["cmake", "--build", p.directory + "/build", "-j", jobs]]
        case .ninja: commands = [["ninja", "-C", p.directory, "-j", jobs] + p.arguments]
        case .cargo: commands = [["cargo", "build", "--release", "--manifest-path", p.directory + "/Cargo.toml"] + p.arguments]
        }
        let toolchain = p.system == .cargo ? ["cargo"] : ["cc", p.system == .configureMake ? "make" : p.system.rawValue]
        for program in toolchain {
            let (result, _) = await context.runCapturing([program, "--version"])
            if result.termination == .notFound {
                return .failed(.known(.compilerMissing, "\(program) is not installed; install a toolchain (build-essential, gcc, \(program)) first", exitCode: 127))
            }
        }
        return await context.runAll(commands, workingDirectory: p.system == .configureMake ? p.directory : nil)
    }
}
