import InstallModel

/// One apt step's change of the machine's packages as its log recorded it (`package_set_changed`), with where
/// in the log the step found the packages (its `step_started`) and left them (the `command_finished` of the
/// last command it ran before recording the change): what a reproduction's package database replays.
public struct RecordedPackageChange: Sendable, Equatable {
    /// The sequence number of the step's `step_started`: the packages were as the step found them from here.
    public var startedSequence: UInt64
    /// The sequence number of the step's last `command_finished` before the change: they were as it left them from here.
    public var finishedSequence: UInt64
    /// That command without evlog's sudo/env prefix, as apt's history names the transaction.
    public var commandLine: [String]
    public var change: PackageSetChange

    public init(startedSequence: UInt64, finishedSequence: UInt64, commandLine: [String], change: PackageSetChange) {
        self.startedSequence = startedSequence
        self.finishedSequence = finishedSequence
        self.commandLine = commandLine
        self.change = change
    }
}
