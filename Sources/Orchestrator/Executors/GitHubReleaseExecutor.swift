import InstallModel

/// `github_release`: the release asset for this OS/arch, checked (pinned sha256 or the project's checksum
/// file) before anything is extracted, then the binary installed with mode 0755.
enum GitHubReleaseExecutor {
    static func execute(_ p: GitHubReleaseParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        let assetName = p.assetURL.split(separator: "/").last.map(String.init) ?? "asset"
        let directory = context.workDirectory + "/" + p.repository.replacingOccurrences(of: "/", with: "-") + "-" + p.version
        let archive = directory + "/" + assetName
        var sha256 = p.sha256
        if sha256 == nil, let checksumURL = p.checksumFileURL {
            switch await publishedDigest(of: assetName, from: checksumURL, context: context) {
            case .success(let digest): sha256 = digest
            case .failure(let failure): return failure.outcome
            }
        }
        let fetched = await Downloading.fetch(p.assetURL, to: archive, sha256: sha256, sizeBytes: nil, context: context)
        guard case .done = fetched else { return fetched }
        let unpacked = directory + "/unpacked"
        let extract: [[String]]
        let binaryPath: String
        if assetName.hasSuffix(".tar.gz") || assetName.hasSuffix(".tgz") || assetName.hasSuffix(".tar.xz") {
            extract = [["rm", "-rf", unpacked], ["mkdir", "-p", unpacked], ["tar", "-xf", archive, "-C", unpacked]]
            binaryPath = unpacked + "/" + p.binaryInArchive
        } else if assetName.hasSuffix(".zip") {
            extract = [["rm", "-rf", unpacked], ["unzip", "-o", "-q", archive, "-d", unpacked]]
            binaryPath = unpacked + "/" + p.binaryInArchive
        } else {
            extract = []
            binaryPath = archive
        }
        let binaryName = p.installName ?? p.binaryInArchive.split(separator: "/").last.map(String.init) ?? p.binaryInArchive
        let extracted = await context.runAll(extract)
        guard case .done = extracted else { return extracted }
        guard context.fileSystem.exists(binaryPath) else {
            return .failed(.unexplained("\(assetName) holds no \(p.binaryInArchive); the recipe's 'path' is wrong for \(p.version)"))
        }
        return await context.runAll(
            [["install", "-d", p.installDirectory], ["install", "-m", "0755", binaryPath, p.installDirectory + "/" + binaryName]],
            asRoot: needsRoot)
    }

    /// A failed step, carried through `Result`.
    struct Failure: Error {
        var outcome: StepOutcome
    }

    /// Fetches the checksum file and returns the digest it publishes for `asset`. The file is read from
    /// the command's output, so the log holds what decided the digest (and `evlog reproduce` replays it).
    static func publishedDigest(of asset: String, from url: String, context: ExecutionContext) async -> Result<String, Failure> {
        let command = ["curl", "-fsSL", "--retry", "3", url]
        let (result, text) = await context.runCapturing(command)
        if let failure = StepOutcome(failureOf: result, command: command) { return .failure(Failure(outcome: failure)) }
        guard let digest = ChecksumFile.digest(for: asset, in: text) else {
            return .failure(Failure(outcome: .failed(.known(
                .checksumMismatch, "the checksum file \(url) lists no sha256 for \(asset); nothing was installed"))))
        }
        context.io.say("\(url) publishes sha256 \(digest) for \(asset)")
        return .success(digest)
    }
}
