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
}
