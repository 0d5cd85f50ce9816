import Catalog
import InstallModel
import Orchestrator

/// Before `uninstall` plans to delete a file an install put in place (a release binary): the file must still be the
/// one its log recorded (same SHA-256), or the user may have put their own build there since (truth12 F8).
public enum InstalledFileCheck {
    /// The record as the removal should use it: refuses (exit 1), naming the file, one whose file now holds other
    /// bytes, or whose log recorded no digest (an older evlog's: it cannot prove the file is its own); with `force`,
    /// both are removed whatever they hold (the digest dropped, so the step's `rm -f` asks nothing). A file no longer
    /// there passes: the removal only checks it is gone.
    public static func checked(
        _ record: InstallRecord, force: Bool, userHome: String = SystemInstallFinder.userHome, fileSystem: any FileSystem = LocalFileSystem()
    ) throws -> InstallRecord {
        guard case .file(let path) = record.how else { return record }
        var record = record
        if force {
            record.fileSHA256 = nil
            return record
        }
        let expanded = PlanEnvironment.expandingHome(path, userHome: userHome)
        guard fileSystem.entry(at: expanded) != nil else { return record }
        guard let recorded = record.fileSHA256 else {
            throw UserFacingError(
                "\(record.tool): the log of \(record.source) (an older evlog's) recorded no sha256 of \(path), so evlog cannot prove "
                    + "the file there now is the one it installed and leaves it alone; check it, then pass --force to have evlog remove it",
                code: .planFailed)
        }
        guard fileSystem.sha256(ofFile: expanded) == recorded else {
            throw UserFacingError(
                "\(record.tool): \(path) is no longer the file \(record.source) installed (its sha256 is not the one recorded: "
                    + "replaced since, by you or another installer), so evlog leaves it alone; remove it yourself if it should go, "
                    + "or pass --force to have evlog remove it",
                code: .planFailed)
        }
        return record
    }
}
