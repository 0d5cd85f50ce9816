import Foundation
import PathSafety

/// As root, an overlay directory (`--catalog DIR`, `EVLOG_CATALOG`, which `sudo -E` keeps), its `recipes/` and every
/// file evlog reads from it pass the rule a `--home` passes (`LockedPath`): only root can change them (trust20 #4).
/// Root installs what an overlay's recipes name and runs it; an overlay another user can write lets that user swap a
/// recipe's URL and digest between an admin's `evlog plan` and `evlog install`.
enum OverlayOwnership {
    /// The refusal for `directory` when evlog runs as root and another user can change it or a file in it; nil
    /// otherwise. Judged before any file is read: once every step is root's alone, nothing can be swapped after.
    static func problem(_ directory: String, user: uid_t = geteuid()) -> CatalogError? {
        guard user == 0 else { return nil }
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        var problem = LockedPath.directoryProblem(absolute, user: user)
        let recipes = absolute + "/recipes", repositories = absolute + "/repos.yaml"
        if problem == nil, FileManager.default.fileExists(atPath: recipes) {
            problem = LockedPath.directoryProblem(recipes, user: user)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: recipes)) ?? []
            for name in names.sorted() where problem == nil && name.lowercased().hasSuffix(".yaml") {
                problem = LockedPath.problem(recipes + "/" + name, user: user)
            }
        }
        if problem == nil, FileManager.default.fileExists(atPath: repositories) {
            problem = LockedPath.problem(repositories, user: user)
        }
        return problem.map {
            .invalidData(
                file: directory, line: nil,
                message: "running as root, evlog will not read this catalog overlay: \($0), so another user could swap what "
                    + "root installs; use an overlay only root can write (copy it into a new directory as root, or chown -R "
                    + "root and chmod -R go-w it)")
        }
    }
}
