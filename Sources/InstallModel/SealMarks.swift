/// The records seals add to a log (Docs/FORMAT.md §9), as readers that fold and render events meet them:
/// events of types the fold does not know (`EventBody.unknown`). `Sealing` writes them (`SealRecord.type`,
/// `SealReport.crashTailType`); readers only tell where they are.
public enum SealMarks {
    /// A seal (`log_sealed`): every record before it is covered.
    public static let sealType = "log_sealed"
    /// The mark a writer continuing a crashed log puts after the records the crashed writer left after its
    /// last seal (`unsealed_at_crash`): the records between the last seal and the mark were vouched for by
    /// no writer that wrote them.
    public static let crashTailType = "unsealed_at_crash"

    /// What readers say of those records wherever they show them.
    public static let crashTailNote = "unsealed: written after its writer's last seal (a crash, or a run still going when copied)"
    /// What a replay says where it meets the mark, after those records.
    public static let crashTailReplayNote = "! the commands, exit codes and output above since the last seal are \(crashTailNote) (no writer vouches for them)"
}
