import Foundation
import Orchestrator

/// Shell completion of plan ids: the logs in the `--home` given on the line so far (or the default home).
enum PlanCompletion {
    @Sendable static func planIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        var options = GlobalOptions()
        if let flag = words.firstIndex(of: "--home"), flag + 1 < words.count { options.home = words[flag + 1] }
        return PlanLog.all(home: options.homeDirectory).map(\.id.rawValue).filter { $0.hasPrefix(prefix) }
    }
}
