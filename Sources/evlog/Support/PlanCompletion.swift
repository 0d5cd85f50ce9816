import EvlogKit
import Foundation
import InstallModel
import Orchestrator

/// Shell completion of plan ids: the logs in the `--home` given on the line so far (or the default home).
/// Runs before any parsing, so it reads `--home` from the words itself (`--home DIR` or `--home=DIR`). Only
/// well-formed ids (`PlanID.isWellFormed`) are offered.
enum PlanCompletion {
    @Sendable static func planIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let given = HomeDirectoryCheck.homeArgument(in: words)
        // A file in plans/ whose name is no plan id (a control, a space, a bidi control) is not offered: the shell
        // would write it to the terminal as it is.
        return PlanLog.all(home: GlobalOptions.homeDirectory(given: given)).map(\.id).filter(\.isWellFormed).map(\.rawValue)
            .filter { $0.hasPrefix(prefix) }.sorted()
    }
}
