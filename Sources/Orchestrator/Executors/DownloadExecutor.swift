import InstallModel

/// `download`: a file or data pack, after a disk-space check, resumable, verified by checksum.
enum DownloadExecutor {
    static func execute(_ p: DownloadParameters, context: ExecutionContext) async -> StepOutcome {
        await Downloading.fetch(p.url, to: p.destination, sha256: p.sha256, sizeBytes: p.sizeBytes, context: context)
    }
}
