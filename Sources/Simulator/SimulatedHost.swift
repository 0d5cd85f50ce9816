import InstallModel
import Orchestrator

extension PlanHost {
    /// A simulated machine: recorded outputs (with `faults` injected) on a virtual clock starting at
    /// `start`, an in-memory filesystem, and fixed paths, so the same plan and fixtures give the same log.
    public static func simulated(
        fixtures: FixtureSet, faults: [SimulationFault] = [], start: Timestamp,
        fileSystem: SimulatedFileSystem = SimulatedFileSystem()
    ) -> PlanHost {
        let clock = VirtualClock(start: start)
        return PlanHost(
            runner: SimulatedRunner(fixtures: fixtures, faults: faults), fileSystem: fileSystem, clock: clock,
            makeDriver: { VirtualDriver(clock: clock) }, environment: ["PATH": "/usr/bin:/bin"], userHome: PlanEnvironment.simulated.userHome,
            workDirectory: PlanEnvironment.simulated.workDirectory, backupDirectory: PlanEnvironment.simulated.backupDirectory)
    }

    /// The machine a `SimulatedSystem` describes (recorded or synthetic, with its faults), on a virtual
    /// clock starting at `start`: each step attempt gets the system's runner for that step.
    public static func simulated(_ system: SimulatedSystem, start: Timestamp) -> PlanHost {
        let clock = VirtualClock(start: start)
        var host = PlanHost(
            runner: system.runner(for: nil), fileSystem: system.fileSystem, clock: clock,
            makeDriver: { VirtualDriver(clock: clock) }, environment: ["PATH": "/usr/bin:/bin"], userHome: PlanEnvironment.simulated.userHome,
            workDirectory: PlanEnvironment.simulated.workDirectory, backupDirectory: PlanEnvironment.simulated.backupDirectory)
        host.runnerForStep = { system.runner(for: $0) }
        return host
    }
}

extension PlanHost {
    /// The machine of a reproduction: the original's user, homes and directories (`environment`), the
    /// commands' recorded outputs handed over by `driver` on its clock, and a simulated filesystem
    /// holding the files the original backed up (and the part of each download in `partialFetches` a fetch left).
    public static func replaying(
        _ driver: ReplayDriver, environment: PlanEnvironment, fileSystem: SimulatedFileSystem, clock: VirtualClock,
        partialFetches: Set<String> = []
    ) -> PlanHost {
        PlanHost(
            runner: ReplayRunner(driver: driver, fileSystem: fileSystem, partialFetches: partialFetches), fileSystem: fileSystem, clock: clock,
            makeDriver: { driver },
            environment: ["PATH": "/usr/bin:/bin", "HOME": environment.userHome, "USER": environment.user],
            userHome: environment.userHome, workDirectory: environment.workDirectory, backupDirectory: environment.backupDirectory)
    }
}
