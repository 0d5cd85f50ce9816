import InstallModel

/// `github_release`: the release asset for this OS/arch, checksum, extract, install the binary.
enum GitHubReleaseExecutor {
    static func execute(_ p: GitHubReleaseParameters, needsRoot: Bool, context: ExecutionContext) async -> StepOutcome {
        let assetName = p.assetURL.split(separator: "/").last.map(String.init) ?? "asset"
        let directory = context.workDirectory + "/" + p.repository.replacingOccurrences(of: "/", with: "-") + "-" + p.version
        let archive = directory + "/" + assetName
        let fetched = await Downloading.fetch(p.assetURL, to: archive, sha256: p.sha256, sizeBytes: nil, context: context)
        guard case .done = fetched else { return fetched }
        let extract: [[String]]
        let binaryPath: String
        if assetName.hasSuffix(".tar.gz") || assetName.hasSuffix(".tgz") || assetName.hasSuffix(".tar.xz") {
            extract = [["tar", "-xf", archive, "-C", directory]]
            binaryPath = directory + "/" + p.binaryInArchive
        } else if assetName.hasSuffix(".zip") {
            extract = [["unzip", "-o", archive, "-d", directory]]
            binaryPath = directory + "/" + p.binaryInArchive
        } else {
            extract = []
            binaryPath = archive
        }
        let binaryName = p.installName ?? p.binaryInArchive.split(separator: "/").last.map(String.init) ?? p.binaryInArchive
        let unpacked = await context.runAll(extract)
        guard case .done = unpacked else { return unpacked }
        return await context.runAll(
            [["install", "-d", p.installDirectory], ["install", "-m", "0755", binaryPath, p.installDirectory + "/" + binaryName]],
            asRoot: needsRoot)
    }
}
