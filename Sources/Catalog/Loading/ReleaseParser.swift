import Yams

/// Reads a `release:` method: version, per-platform assets, checksum policy.
struct ReleaseParser {
    let reader: YAMLReader

    func release(_ node: Node, _ what: String) throws(CatalogError) -> ReleaseSpec {
        let fields = try reader.mapping(
            node, what, allowed: ["repo", "version", "static", "checksum", "assets", "path", "setup"],
            required: ["repo", "version", "assets"])
        let version = try fields.string("version", what) ?? ""
        try reader.check(version, at: fields["version"], "\(what): version", VersionTextGrammar.problem(with: version))
        let repository = try fields.string("repo", what) ?? ""
        try reader.check(repository, at: fields["repo"], "\(what): repo", ArchivePathGrammar.problem(withRepository: repository))
        let defaultPath = try fields.string("path", what)
        if let defaultPath { try reader.check(defaultPath, at: fields["path"], "\(what): path", ArchivePathGrammar.problem(with: defaultPath)) }
        var checksum: String?
        var checksumFile: String?
        if let node = fields["checksum"] {
            if case .mapping = node {
                let file = try reader.mapping(node, "\(what): checksum", allowed: ["file"], required: ["file"])
                let url = try file.string("file", "\(what): checksum.file") ?? ""
                try reader.check(url, at: file["file"], "\(what): checksum.file", DownloadURLGrammar.problem(with: url))
                checksumFile = url
            } else {
                checksum = try reader.string(node, "\(what): checksum")
                if checksum != "unpinned" && checksum != "pinned" {
                    throw reader.fail(node, "\(what): checksum must be 'pinned', 'unpinned' or {file: <checksum file URL>}")
                }
            }
        }
        var assets: [String: ReleaseAsset] = [:]
        if let assetsNode = fields["assets"] {
            let platforms = try reader.mapping(assetsNode, "\(what): assets", allowed: ReleaseSpec.platformKeys)
            for item in platforms.items {
                let asset = try self.asset(item.value, "\(what): assets.\(item.key)", defaultPath: defaultPath)
                if asset.sha256 == nil && checksum != "unpinned" && checksumFile == nil {
                    throw reader.fail(
                        item.value,
                        "\(what): asset \(item.key) has no sha256; add the real one, name the project's checksum file "
                            + "('checksum: {file: URL}') or mark the method 'checksum: unpinned'")
                }
                assets[item.key] = asset
            }
            if assets.isEmpty { throw reader.fail(assetsNode, "\(what): list at least one asset") }
        }
        return ReleaseSpec(
            repository: repository, version: version,
            isStatic: try fields.bool("static", what) ?? false, assets: assets,
            checksumUnpinned: checksum == "unpinned", checksumFile: checksumFile, setupCommand: try fields.strings("setup", what))
    }

    private func asset(_ node: Node, _ what: String, defaultPath: String?) throws(CatalogError) -> ReleaseAsset {
        if case .mapping = node {
            let fields = try reader.mapping(node, what, allowed: ["url", "sha256", "path"], required: ["url"])
            let sha256 = try fields.string("sha256", what)
            if let sha256, !SHA256Text.isValid(sha256) {
                throw reader.fail(fields["sha256"], "\(what): sha256 must be 64 lowercase hex digits")
            }
            guard let path = try fields.string("path", what) ?? defaultPath else {
                throw reader.fail(node, "\(what): give 'path' here or on the release")
            }
            try reader.check(path, at: fields["path"], "\(what): path", ArchivePathGrammar.problem(with: path))
            let url = try fields.string("url", what) ?? ""
            try reader.check(url, at: fields["url"], "\(what): url", DownloadURLGrammar.problem(with: url))
            return ReleaseAsset(url: url, sha256: sha256, path: path)
        }
        guard let path = defaultPath else { throw reader.fail(node, "\(what): give 'path' on the release") }
        let url = try reader.string(node, what)
        try reader.check(url, at: node, what, DownloadURLGrammar.problem(with: url))
        return ReleaseAsset(url: url, path: path)
    }
}

