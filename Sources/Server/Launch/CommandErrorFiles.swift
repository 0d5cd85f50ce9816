import EvlogKit
import Foundation
import InstallModel
import Orchestrator

/// The files under `<home>/serve/` holding the standard error of the commands the server started (read
/// when one fails early). Each goes with its plan when the plan is pruned (`PlanArchive.leftovers`); and
/// since a start that never made a plan leaves one too, at most `kept` stay: the oldest go first.
///
/// Written as the other writers in the home write (serve22 #7): the home is judged first as `install` judges it
/// (`refuseSharedHome`, which makes a missing one root's or the user's alone), `serve/` is used only when it is a
/// directory of this user's and no link, and each file is opened without following a link (`DetachedProcess`), so
/// neither the file nor the pruning ever lands outside the home.
struct CommandErrorFiles {
    let archive: PlanArchive
    var kept = 200

    /// The file for `command`'s standard error (created by the command), after making room for it.
    func file(of command: String, for id: PlanID) throws -> String {
        do {
            try archive.refuseSharedHome()
        } catch let error as UserFacingError {
            throw ServeError(409, error.message)
        }
        try checkedDirectory()
        trim(leaving: kept - 1)
        return archive.serveErrorFile(of: command, for: id)
    }

    /// Makes `serve/` (mode 700) when missing, and refuses one that is a link or another user's.
    private func checkedDirectory() throws {
        let directory = archive.serveDirectory
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            throw ServeError(500, "cannot make \(directory): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else {
            throw ServeError(409, "\(directory) is not a directory of this user's (a link, or another user's); remove it and start again")
        }
    }

    /// Removes the oldest `.stderr` files until `count` are left.
    func trim(leaving count: Int) {
        let directory = archive.serveDirectory
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".stderr") }
        guard names.count > count else { return }
        let byAge = names.map { name -> (String, Date) in
            let path = directory + "/" + name
            return (path, ((try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 < $1.1 }
        for (path, _) in byAge.prefix(names.count - max(count, 0)) { try? FileManager.default.removeItem(atPath: path) }
    }
}
