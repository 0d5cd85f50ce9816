import EvlogKit
import Foundation
import Orchestrator

/// Shell completion of plan ids: the logs in the `--home` given on the line so far (or the default home).
/// Runs before any parsing, so it reads `--home` from the words itself (`--home DIR` or `--home=DIR`).
enum PlanCompletion {
    @Sendable static func planIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        var given: String?
        for (position, word) in words.enumerated() {
            if word == "--home", position + 1 < words.count { given = words[position + 1] }
            if word.hasPrefix("--home=") { given = String(word.dropFirst("--home=".count)) }
        }
        return PlanLog.all(home: GlobalOptions.homeDirectory(given: given)).map(\.id.rawValue).filter { $0.hasPrefix(prefix) }.sorted()
    }
}
