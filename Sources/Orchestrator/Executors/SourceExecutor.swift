import InstallModel

/// `source`: a git clone at a ref, or a tarball whose checksum must match, extracted into place.
enum SourceExecutor {
    static func execute(_ p: SourceParameters, context: ExecutionContext) async -> StepOutcome {
        if let url = p.gitURL {
            if context.fileSystem.exists(p.destination + "/.git") {
                return .skipped(detail: "\(p.destination) is already a clone")
            }
            var clone = ["git", "clone", "--depth", "1"]
            if let ref = p.gitRef { clone += ["--branch", ref] }
            return await context.runAll([clone + [url, p.destination]])
        }
        guard let url = p.tarballURL else { return .failed(.unexplained("source step has neither a git URL nor a tarball")) }
        let archive = p.destination + ".tar.gz"
        let fetched = await Downloading.fetch(url, to: archive, sha256: p.sha256, sizeBytes: nil, context: context)
        guard case .done = fetched else { return fetched }
        return await context.runAll([["mkdir", "-p", p.destination], ["tar", "-xzf", archive, "-C", p.destination, "--strip-components=1"]])
    }
}
