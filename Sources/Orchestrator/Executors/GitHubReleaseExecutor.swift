import InstallModel

/// `github_release`: the release asset for this OS/arch, checked (pinned sha256 or the project's checksum
/// file) before anything is extracted, unpacked as untrusted (`UnpackedArchive`), then the binary copied with mode
/// 0755 (and, as root, owner root).
enum GitHubReleaseExecutor {
    static func execute(_ p: GitHubReleaseParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        guard let assetName = ReleaseAsset.fileName(of: p.assetURL) else {
            return .failed(.known(.corruptDownload, "the asset URL's path names no plain file name; nothing was installed"))
        }
        let packing: ReleaseAsset.Packing
        switch ReleaseAsset.packing(of: assetName) {
        case .success(let known): packing = known
        case .failure(let refused): return .failed(.refusedByPolicy(refused.description))
        }
        let directory = context.workDirectory + "/" + p.repository.replacingOccurrences(of: "/", with: "-") + "-" + p.version
        let archive = directory + "/" + assetName
        var sha256 = p.sha256
        if sha256 == nil, let checksumURL = p.checksumFileURL {
            switch await publishedDigest(of: assetName, from: checksumURL, bytesMax: checksumBytesMax(p, context: context), context: context) {
            case .success(let digest): sha256 = digest
            case .failure(let failure): return failure.outcome
            }
        }
        let fetched = await Downloading.fetch(p.assetURL, to: archive, sha256: sha256, sizeBytes: nil, context: context)
        guard case .done = fetched else { return fetched }
        let unpacked = directory + "/unpacked"
        // `list` names the members, one a line, so that absolute and `..` paths are refused before anything is unpacked.
        let extract: [[String]]
        let list: [String]?
        let binaryPath: String
        if packing == .tar {
            list = ["tar", "-tf", archive]
            extract = [
                ["rm", "-rf", unpacked], ["mkdir", "-p", unpacked],
                ["tar", "-xf", archive, "-C", unpacked, "--no-same-owner", "--no-same-permissions"],
            ]
            binaryPath = unpacked + "/" + p.binaryInArchive
        } else if packing == .zip {
            list = ["unzip", "-Z1", archive]
            extract = [["rm", "-rf", unpacked], ["unzip", "-o", "-q", archive, "-d", unpacked]]
            binaryPath = unpacked + "/" + p.binaryInArchive
        } else {
            list = nil
            extract = []
            binaryPath = archive
        }
        if let list {
            let (listed, names) = await context.runListing(list)
            if let failure = StepOutcome(failureOf: listed, command: list) { return failure }
            guard let names else { return refusal(assetName, UnpackedArchive.listingTooLong) }
            if let problem = UnpackedArchive.problem(inListing: names) { return refusal(assetName, problem) }
            let zip = list.first == "unzip"
            let sizes = UnpackedArchive.sizeListing(archive: archive, zip: zip)
            let (sized, sizeListing) = await context.runListing(sizes)
            if let failure = StepOutcome(failureOf: sized, command: sizes) { return failure }
            guard let sizeText = sizeListing else { return refusal(assetName, UnpackedArchive.listingTooLong) }
            if let problem = UnpackedArchive.problem(inSizeListing: sizeText, zip: zip)
                ?? UnpackedArchive.problem(inVerboseListing: sizeText, zip: zip) {
                return refusal(assetName, problem)
            }
            if zip, let refused = await zipLinkRefusal(archive, listing: sizeText, assetName: assetName, context: context) { return refused }
            let count = UnpackedSizeCount.command(archive: archive, zip: zip)
            let (counted, countOutput) = await context.runCapturing(count)
            if let failure = StepOutcome(failureOf: counted, command: count) { return failure }
            if let problem = UnpackedSizeCount.problem(inOutput: countOutput) { return refusal(assetName, problem) }
        }
        let extracted = await context.runAll(extract)
        guard case .done = extracted else { return extracted }
        if !extract.isEmpty, let problem = UnpackedArchive.problem(in: context.fileSystem.entries(under: unpacked), binary: p.binaryInArchive) {
            // Nothing a refused archive holds stays on disk.
            _ = await context.runAll([["rm", "-rf", unpacked]])
            return refusal(assetName, problem)
        }
        guard context.fileSystem.exists(binaryPath) else {
            return .failed(.unexplained("\(assetName) holds no \(p.binaryInArchive); the recipe's 'path' is wrong for \(p.version)"))
        }
        // A copy, never a link, with its mode and (as root) its owner set here rather than taken from the archive.
        let owner = needsRoot || context.profile.isRoot ? ["-o", "0", "-g", "0"] : []
        let installed = await context.runAll(
            [["install", "-d", p.installDirectory], ["install", "-m", "0755"] + owner + [binaryPath, p.installedPath]],
            asRoot: needsRoot)
        guard case .done = installed else { return installed }
        recordDigest(of: p.installedPath, context: context)
        return installed
    }

    /// Records the digest of the file just installed, read back from where it is: uninstall removes it only while
    /// it holds those bytes (truth12 F8). Unreadable (a simulation that wrote no such file), nothing is recorded, and
    /// uninstall treats the file as one it cannot prove is evlog's.
    static func recordDigest(of path: String, context: ExecutionContext) {
        guard let digest = context.fileSystem.sha256(ofFile: context.expandingHome(path)) else { return }
        context.io.fileInstalled(InstalledFile(path: path, sha256: digest))
    }

    /// The outcome of an archive evlog will not unpack: refused by its own policy, so not a corrupt download a
    /// redownload would fix.
    static func refusal(_ assetName: String, _ problem: String) -> StepOutcome {
        .failed(.refusedByPolicy("evlog's policy for release archives refuses \(assetName): \(problem); nothing was installed"))
    }

    /// Why the zip `archive` (verbose listing `listing`) may not be unpacked for its symbolic links, or nil: each
    /// link's target is read (`UnpackedArchive.targetCommand`: a zip's listing does not say where a link leads) and
    /// judged by the rule a tar's links are (`UnpackedArchive.linkProblem`); a target that cannot be read whole is
    /// refused too.
    static func zipLinkRefusal(_ archive: String, listing: String, assetName: String, context: ExecutionContext) async -> StepOutcome? {
        guard let links = UnpackedArchive.zipLinks(inVerboseListing: listing) else {
            return refusal(assetName, "it holds more than \(UnpackedArchive.maximumZipLinks) symbolic links")
        }
        let names = Set(links.map(\.name))
        for link in links {
            guard link.targetBytes <= UnpackedArchive.maximumLinkTargetBytes else {
                return refusal(assetName, "it holds \(link.name), a link whose target is \(link.targetBytes) bytes long")
            }
            let command = UnpackedArchive.targetCommand(archive: archive, link: link.name)
            let (read, target) = await context.runCapturing(command)
            if let failure = StepOutcome(failureOf: read, command: command) { return failure }
            guard UInt64(target.utf8.count) == link.targetBytes else {
                return refusal(assetName, "where its link \(link.name) leads cannot be read (\(target.utf8.count) of \(link.targetBytes) bytes)")
            }
            if let problem = UnpackedArchive.linkProblem(link.name, target: target, links: names) { return refusal(assetName, problem) }
        }
        return nil
    }

    /// A failed step, carried through `Result`.
    struct Failure: Error {
        var outcome: StepOutcome
    }

    /// Fetches the checksum file and returns the digest it publishes for `asset`. The file is read from
    /// the command's output, so the log holds what decided the digest (and `evlog reproduce` replays it). With
    /// `bytesMax` (plans made since trust13 #3) curl stops at that size and after `checksumFileSecondsMax`; a larger
    /// file is refused as larger, not read as a digest "not listed" from its first part. Without it (an older
    /// log) the command is the one that log ran.
    /// The most bytes of the checksum file fetched: the step's own bound, or — a log that omits it (older, or from
    /// elsewhere and left out on purpose), run on this machine — today's (trust16 #12); nil (unbounded) only where a
    /// simulation keeps what the log recorded.
    static func checksumBytesMax(_ p: GitHubReleaseParameters, context: ExecutionContext) -> Int? {
        p.checksumFileBytesMax ?? (context.boundsUnrecordedFetches ? GitHubReleaseParameters.checksumFileBytesCap : nil)
    }

    static func publishedDigest(of asset: String, from url: String, bytesMax: Int?, context: ExecutionContext) async -> Result<String, Failure> {
        let bound = bytesMax.map { ["--max-filesize", String($0), "--max-time", String(checksumFileSecondsMax)] } ?? []
        let command = FetchCommand.curl(["-fsSL", "--retry", "3"] + bound, url: url)
        let capture = CapturingIO(forwardingTo: context.io)
        let result = await context.run(command, io: capture)
        let tooLarge = "the checksum file \(url) is larger than \(bytesMax ?? CapturingIO.capturedBytesMax) bytes, "
            + "where a project's checksum file is a few lines; nothing was installed"
        if bytesMax != nil, result.exitCode == curlFileTooLarge { return .failure(Failure(outcome: .failed(.refusedByPolicy(tooLarge)))) }
        if let failure = StepOutcome(failureOf: result, command: command) { return .failure(Failure(outcome: failure)) }
        if capture.overflowed { return .failure(Failure(outcome: .failed(.refusedByPolicy(tooLarge)))) }
        guard let digest = ChecksumFile.digest(for: asset, in: capture.text) else {
            return .failure(Failure(outcome: .failed(.known(
                .checksumMismatch, "the checksum file \(url) lists no sha256 for \(asset); nothing was installed"))))
        }
        context.io.say("\(url) publishes sha256 \(digest) for \(asset)")
        return .success(digest)
    }

    /// The longest a bounded checksum file's fetch may take, each of curl's tries.
    static let checksumFileSecondsMax = 60

    /// curl's exit code for "Maximum file size exceeded" (`CURLE_FILESIZE_EXCEEDED`).
    static let curlFileTooLarge: Int32 = 63
}
