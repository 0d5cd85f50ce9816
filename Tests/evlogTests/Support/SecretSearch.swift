import Foundation

/// Searches outputs, exports, replays and raw files of a home for one string.
enum SecretSearch {
    static func places(of secret: String, in home: EvlogHome, terminals: [ChildOutcome]) async throws -> [String] {
        var places: [String] = []
        for (index, terminal) in terminals.enumerated() where terminal.allOutput.contains(secret) {
            places.append("terminal output of run \(index + 1)")
        }
        for plan in home.planIDs {
            if try await home.export(plan).text.contains(secret) { places.append("export of \(plan)") }
            if try await home.replay(plan).allOutput.contains(secret) { places.append("replay of \(plan)") }
        }
        for file in home.files() where TextComparison.occurrences(of: secret, in: Array(file.bytes)) > 0 {
            places.append("file \(file.path)")
        }
        return places
    }
}
