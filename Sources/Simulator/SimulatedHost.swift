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
            makeDriver: { VirtualDriver(clock: clock) }, environment: ["PATH": "/usr/bin:/bin"], userHome: "/home/dev",
            workDirectory: "/tmp/evlog-work", backupDirectory: "/tmp/evlog-backups")
    }

    /// The machine a `SimulatedSystem` describes (recorded or synthetic, with its faults), on a virtual
    /// clock starting at `start`: each step attempt gets the system's runner for that step.
    public static func simulated(_ system: SimulatedSystem, start: Timestamp) -> PlanHost {
        let clock = VirtualClock(start: start)
        var host = PlanHost(
            runner: system.runner(for: nil), fileSystem: system.fileSystem, clock: clock,
            makeDriver: { VirtualDriver(clock: clock) }, environment: ["PATH": "/usr/bin:/bin"], userHome: "/home/dev",
            workDirectory: "/tmp/evlog-work", backupDirectory: "/tmp/evlog-backups")
        host.runnerForStep = { system.runner(for: $0) }
        return host
    }
}
