import Foundation
import InstallModel

/// The events of one plan, by plan id (looked up under `home`) or by the path of a `.evlog` file.
func loadPlanEvents(planOrPath: String, home: String) throws -> [Event] {
    try ArchiveAccess.contents(planOrPath, home: home).events
}

/// The `.evlog` logs and `.evb` bundles in `directory` (or in its `plans/` folder when it is an evlog home), sorted by name.
func listPlanLogs(directory: String) throws -> [String] {
    let plans = directory + "/plans"
    var isDirectory: ObjCBool = false
    let root = FileManager.default.fileExists(atPath: plans, isDirectory: &isDirectory) && isDirectory.boolValue ? plans : directory
    let names: [String]
    do {
        names = try FileManager.default.contentsOfDirectory(atPath: root)
    } catch {
        throw UserFacingError("cannot list \(root): \(error.localizedDescription)")
    }
    return names.filter { $0.hasSuffix(".evlog") || $0.hasSuffix(".evb") }.sorted().map { root + "/" + $0 }
}
