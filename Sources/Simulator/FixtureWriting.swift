import Foundation

extension FixtureSet {
    /// Writes the set as one JSON file per fixture into `directory` (created if needed).
    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for (index, fixture) in fixtures.enumerated() {
            let name = String(format: "%03d-", index) + String(fixture.command.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(60))
            try encoder.encode(fixture).write(to: URL(fileURLWithPath: directory + "/" + name + ".json"))
        }
    }
}
