import EventLog

/// The `fixture` mode: a small, multi-block log of install-like output lines (Fixtures/logs/).
/// Deterministic: same code, same bytes.
enum FixtureLog {
    static func write(path: String) throws {
        let options = LogWriterOptions(blockBytesTarget: 4096, compressesInBackground: false)
        let writer = try LogWriter.open(
            path: path, label: "p-fixture00001", creator: "evlog-log-torture fixture", createdAtMicros: 1_767_225_600_000_000,
            options: options)
        let packages = ["ripgrep", "fd-find", "jq", "git", "curl", "build-essential", "pkg-config", "liblz4-dev"]
        var line = 0
        for (position, package) in packages.enumerated() {
            try writer.append(Array(#"{"event":"step_started","step":"install-\#(package)"}"#.utf8), checkpoint: true)
            for step in 0..<12 {
                line += 1
                let text = "Get:\(line) http://deb.debian.org/debian trixie/main amd64 \(package) \(position).\(step)-1 [\(1000 + line * 37) kB]\n"
                    + "Unpacking \(package) (\(position).\(step)-1) over (\(position).\(step)-0) ...\n"
                    + "Setting up \(package) (\(position).\(step)-1) ...\n"
                try writer.append(Array(text.utf8))
            }
            try writer.append([])
            try writer.append(Array(#"{"event":"step_succeeded","step":"install-\#(package)"}"#.utf8), checkpoint: true)
            try writer.sync()
        }
        try writer.close()
    }
}
