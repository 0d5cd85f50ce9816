import InstallModel

/// Shared by `download`, `source` and `github_release`: space check, resumable fetch, checksum.
enum Downloading {
    /// Free space kept in reserve beyond the download itself.
    static let reserveBytes: Int64 = 64 * 1024 * 1024

    static func fetch(_ url: String, to rawDestination: String, sha256: String?, sizeBytes: Int64?, context: ExecutionContext) async -> StepOutcome {
        let destination = context.expandingHome(rawDestination)
        if let sizeBytes, let available = context.fileSystem.availableBytes(at: destination),
            available < sizeBytes + reserveBytes
        {
            return .failed(.known(.diskFull, "\(destination) needs \(sizeBytes) bytes, \(available) are free"))
        }
        if let sha256, context.fileSystem.exists(destination), await context.sha256(of: destination) == sha256.lowercased() {
            context.io.say("\(destination) is already downloaded and its checksum matches")
            return .done(exitCode: 0, note: nil)
        }
        let directory = parentDirectory(of: destination)
        let fetched = await context.runAll([
            ["mkdir", "-p", directory.isEmpty ? "." : directory],
            ["curl", "-fL", "--retry", "3", "-C", "-", "-o", destination, url],
        ])
        guard case .done = fetched else { return fetched }
        guard let sha256 else {
            context.io.say("warning: \(url) has no pinned checksum; it was not verified")
            return fetched
        }
        guard let digest = await context.sha256(of: destination) else {
            return .failed(.unexplained("could not compute the sha256 of \(destination)"))
        }
        guard digest == sha256.lowercased() else {
            return .failed(.known(.checksumMismatch, "\(destination) has sha256 \(digest), expected \(sha256.lowercased())"))
        }
        return fetched
    }
}
