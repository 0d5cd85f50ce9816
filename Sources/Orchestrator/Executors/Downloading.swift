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
        if isNotPlainFile(destination, context: context) {
            // A FIFO or a link there could give the checksum one content and the command that uses it another:
            // it goes, and the download starts afresh (integrity10 N6).
            _ = await context.run(["rm", "-f", destination])
        }
        if let sha256, context.fileSystem.exists(destination), await context.sha256(of: destination) == sha256.lowercased() {
            context.io.say("\(destination) is already downloaded and its checksum matches")
            return .done(exitCode: 0, note: nil)
        }
        let directory = parentDirectory(of: destination)
        var fetched = await context.runAll([
            ["mkdir", "-p", directory.isEmpty ? "." : directory],
            FetchCommand.curl(["-fL", "--retry", "3", "-C", "-", "-o", destination], url: url),
        ])
        if case .failed(let cause) = fetched, let code = cause.exitCode, curlCannotResume.contains(code) {
            // A server that ignores byte ranges can never finish a partial file: without this every retry failed the
            // same way until the user found the file and deleted it (repro13 F12).
            context.io.say("the server cannot resume \(url) (curl exit \(code)): the partial download goes and it starts again from the first byte")
            fetched = await context.runAll([["rm", "-f", destination], FetchCommand.curl(["-fL", "--retry", "3", "-o", destination], url: url)])
        }
        guard case .done = fetched else { return fetched }
        guard let sha256 else {
            context.io.say("warning: \(url) has no pinned checksum; it was not verified")
            return fetched
        }
        guard let digest = await context.sha256(of: destination) else {
            return .failed(.unexplained("could not compute the sha256 of \(destination)"))
        }
        guard digest == sha256.lowercased() else {
            // Removed, so nothing uses it and the next attempt downloads afresh instead of resuming a bad file.
            _ = await context.run(["rm", "-f", destination])
            return .failed(.known(
                .checksumMismatch,
                "\(url) has sha256 \(digest), expected \(sha256.lowercased()); the download was removed and nothing was installed"))
        }
        return fetched
    }

    /// curl's exit codes for a resume the server refused: `CURLE_RANGE_ERROR` (33, it ignores byte ranges) and
    /// `CURLE_BAD_DOWNLOAD_RESUME` (36).
    static let curlCannotResume: Set<Int32> = [33, 36]

    /// Whether something other than one plain file is at `path`, as `lstat` sees it: a FIFO, a symbolic link, a
    /// device, or a file with a second name someone else may change. False when nothing is there.
    static func isNotPlainFile(_ path: String, context: ExecutionContext) -> Bool {
        guard let entry = context.fileSystem.entry(at: path) else { return false }
        return entry.kind != .regular || entry.linkCount > 1
    }
}
