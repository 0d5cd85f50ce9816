import Foundation
import InstallModel
import Orchestrator

/// The files under `<home>/serve/` holding the standard error of the commands the server started (read
/// when one fails early). Each goes with its plan when the plan is pruned (`PlanArchive.leftovers`); and
/// since a start that never made a plan leaves one too, at most `kept` stay: the oldest go first.
struct CommandErrorFiles {
    let archive: PlanArchive
    var kept = 200

    /// The file for `command`'s standard error (created by the command), after making room for it.
    func file(of command: String, for id: PlanID) throws -> String {
        try FileManager.default.createDirectory(atPath: archive.serveDirectory, withIntermediateDirectories: true)
        trim(leaving: kept - 1)
        return archive.serveErrorFile(of: command, for: id)
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
