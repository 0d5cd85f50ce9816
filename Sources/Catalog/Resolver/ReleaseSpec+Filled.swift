import InstallModel

extension ReleaseSpec {
    /// `asset` as the planner downloads it for `profile` and `userName` — its URL and path with their holes filled
    /// (`{version}`, `{arch}` …) — and the checksum file published for it. One function for the planner and for the
    /// check that a foreign log's release is the catalog's own (`ForeignPlanPolicy`), so the two never fill differently.
    func filled(_ asset: ReleaseAsset, profile: SystemProfile, userName: String) -> (asset: ReleaseAsset, checksumFile: String?) {
        let placeholders = Placeholders(profile: profile, userName: userName, extra: ["version": version])
        let url = placeholders.expand(asset.url)
        let filled = ReleaseAsset(url: url, sha256: asset.sha256, path: placeholders.expand(asset.path))
        return (filled, checksumFile(forAssetURL: url, profile: profile, userName: userName))
    }

    /// The checksum file published for the asset at `url` (already filled), `{asset}` being its file name.
    func checksumFile(forAssetURL url: String, profile: SystemProfile, userName: String) -> String? {
        let assetName = url.split(separator: "/").last.map(String.init) ?? url
        return checksumFile.map { Placeholders(profile: profile, userName: userName, extra: ["version": version, "asset": assetName]).expand($0) }
    }
}
