/// What a release asset URL names: the file name (from the URL's path, never its query or fragment; a
/// plain name, no `/`, `..` or control character) and how it is unpacked.
enum ReleaseAsset {
    /// How an asset is unpacked: a tar archive (any compression `tar -xf` detects), a zip, or none (the binary itself).
    enum Packing: Equatable { case tar, zip, none }

    /// The file name the asset URL's path ends with, or nil when that is not a plain file name.
    static func fileName(of url: String) -> String? {
        let path = url.prefix { $0 != "?" && $0 != "#" }
        guard let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init),
              !name.isEmpty, name != ".", name != "..", !name.contains("\\"),
              name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
        else { return nil }
        return name
    }

    /// How `name` is unpacked, or why it cannot be (a compressed file or archive format evlog does not unpack,
    /// which must never be installed as the binary).
    static func packing(of name: String) -> Result<Packing, ReleaseAssetError> {
        let lowered = name.lowercased()
        let tarSuffixes = [".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".tbz"]
        if tarSuffixes.contains(where: lowered.hasSuffix) { return .success(.tar) }
        if lowered.hasSuffix(".zip") { return .success(.zip) }
        let packed = [".gz", ".xz", ".bz2", ".zst", ".7z", ".rar", ".lz", ".lzma", ".z"]
        if let suffix = packed.first(where: lowered.hasSuffix) { return .failure(ReleaseAssetError(name: name, suffix: suffix)) }
        return .success(.none)
    }
}

/// An asset whose packing evlog does not unpack (`.7z`, a lone `.gz`): refused rather than installed as the binary.
struct ReleaseAssetError: Error, Equatable {
    var name: String
    var suffix: String
    var description: String {
        "\(name) is a \(suffix) file, which evlog does not unpack (only .tar, .tar.gz/.tgz, .tar.xz, .tar.bz2 and .zip); nothing was installed"
    }
}
