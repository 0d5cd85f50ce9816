/// A project's published checksum file (`SHA256SUMS`, `checksums.txt`, `<asset>.sha256`), read for one asset.
///
/// Lines are `<sha256>  <name>` (sha256sum's text mode), `<sha256> *<name>` (binary mode), or a lone
/// `<sha256>` (a per-asset `.sha256` file). A name matches when it is the asset's or ends in `/<asset>`.
enum ChecksumFile {
    /// The asset's lowercase sha256, or nil when the file does not list it.
    static func digest(for asset: String, in text: String) -> String? {
        var lone: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard let first = words.first, first.count == 64, first.allSatisfy(\.isHexDigit) else { continue }
            let digest = first.lowercased()
            guard words.count >= 2 else {
                lone.append(digest)
                continue
            }
            var name = String(words[1])
            if name.hasPrefix("*") { name.removeFirst() }
            if name == asset || name.hasSuffix("/" + asset) { return digest }
        }
        return lone.count == 1 ? lone[0] : nil
    }
}
