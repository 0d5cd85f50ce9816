/// What a command leaves in a simulated filesystem, read from its argv: `curl -o FILE` writes FILE
/// (empty: what it fetched is not known), `tar -C DIR` and `unzip -d DIR` fill DIR with whatever the
/// recipe expects to find there, and `rm` takes away what it names (a download whose checksum failed
/// is gone, so a remedy's attempt fetches it again, as the original's did: repro12 F4). Shared by the
/// synthetic runner and a reproduction's replay, so a later step sees what an earlier command made.
enum CommandTraces {
    static func leave(by argv: [String], in fileSystem: SimulatedFileSystem) {
        let command = SimulatedRunner.command(argv)
        if command.first == "rm" {
            let operands = command.dropFirst().drop { $0.hasPrefix("-") && $0 != "--" }
            for path in operands.first == "--" ? operands.dropFirst() : operands { fileSystem.removeAll(at: path) }
            return
        }
        let words = Array(argv.drop { $0 != "curl" && $0 != "tar" && $0 != "unzip" })
        func value(after option: String) -> String? {
            words.firstIndex(of: option).flatMap { words.index(after: $0) < words.endIndex ? words[words.index(after: $0)] : nil }
        }
        switch words.first {
        case "curl":
            guard let file = value(after: "-o") else { return }
            if !fileSystem.exists(file) { try? fileSystem.writeAtomically(file, contents: [], mode: nil) }
        case "tar":
            if let directory = value(after: "-C") { fileSystem.unpackArchive(into: directory) }
        case "unzip":
            if let directory = value(after: "-d") { fileSystem.unpackArchive(into: directory) }
        default:
            break
        }
    }
}
