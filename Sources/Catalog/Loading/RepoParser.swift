import InstallModel
import Yams

/// Reads `repos.yaml`: repository name → variant key (package manager or distribution) → key and source.
struct RepoParser {
    let reader: YAMLReader

    init(file: String) { reader = YAMLReader(file: file) }

    func families(in text: String) throws(CatalogError) -> [String: RepoFamily] {
        let root = try reader.root(text)
        var result: [String: RepoFamily] = [:]
        for family in try reader.mapping(root, "a repository file (name → variants)").items {
            try reader.check(family.key, at: family.keyNode, "repository", SystemNameGrammar.problem(withRepositoryName: family.key))
            var variants: [String: RepoSpec] = [:]
            for variant in try reader.mapping(family.value, "repository '\(family.key)'").items {
                let what = "repository '\(family.key)'.\(variant.key)"
                guard CatalogVocabulary.isEntryKey(variant.key) else {
                    throw reader.fail(variant.keyNode, "\(what): '\(variant.key)' is not a package manager or distribution")
                }
                let manager = PackageManager(rawValue: variant.key)
                    ?? CatalogVocabulary.manager(forDistribution: variant.key)
                guard let manager else { throw reader.fail(variant.keyNode, "\(what): no package manager for this key") }
                let fields = try reader.mapping(
                    variant.value, what, allowed: ["key_url", "key_fingerprint", "keyring", "source", "source_path", "ppa"])
                var fingerprints: [String] = []
                for text in try fields.strings("key_fingerprint", what) ?? [] {
                    guard let fingerprint = KeyFingerprint.normalized(text) else {
                        throw reader.fail(fields["key_fingerprint"], "\(what): key_fingerprint '\(text)' is not 40 or 64 hex digits")
                    }
                    fingerprints.append(fingerprint)
                }
                let spec = RepoSpec(
                    name: family.key, manager: manager, variantKey: variant.key,
                    keyURL: try fields.string("key_url", what, grammar: DownloadURLGrammar.problem(with:)), keyFingerprints: fingerprints,
                    keyringPath: try fields.string("keyring", what, grammar: RepositoryFileGrammar.problem(withKeyring:)),
                    sourceEntry: try fields.string("source", what) { SourceEntryGrammar.problem(with: $0, for: manager) },
                    sourcePath: try fields.string("source_path", what) { RepositoryFileGrammar.problem(withSourcePath: $0, for: manager) },
                    ppa: try fields.string("ppa", what, grammar: SystemNameGrammar.problem(withPPA:)), origin: reader.location(variant.value))
                if spec.sourceEntry == nil && spec.ppa == nil {
                    throw reader.fail(variant.value, "\(what): give 'source' (with 'source_path') or 'ppa'")
                }
                if !fingerprints.isEmpty && spec.keyURL == nil {
                    throw reader.fail(variant.value, "\(what): 'key_fingerprint' pins the key at 'key_url', which is missing")
                }
                if spec.sourceEntry != nil && spec.sourcePath == nil {
                    throw reader.fail(variant.value, "\(what): 'source' needs 'source_path'")
                }
                // A `.repo` file's one section is this repository's: named for it or for its file (`[docker-ce-stable]` in
                // docker-ce.repo), never the distribution's own (`[fedora]`, `[updates]`) from a file named for another.
                if [.dnf, .yum, .zypper].contains(manager), let entry = spec.sourceEntry, !entry.hasPrefix("http"),
                    let section = SourceEntryGrammar.repoFileSection(entry)
                {
                    let file = spec.sourcePath.map { String(($0.split(separator: "/").last ?? "").split(separator: ".").first ?? "") } ?? family.key
                    guard section.hasPrefix(family.key) || section.hasPrefix(file) else {
                        throw reader.fail(fields["source"], "\(what): source's section [\(section)] is not named for the repository '\(family.key)' or its file '\(file)'")
                    }
                }
                // apt trusts a repository only with the key the recipe installs: signed-by names that keyring.
                if manager == .apt, let entry = spec.sourceEntry, let signedBy = SourceEntryGrammar.signedBy(entry),
                    signedBy != spec.keyringPath || spec.keyURL == nil
                {
                    throw reader.fail(
                        fields["source"],
                        "\(what): source is signed-by \(GrammarText.shown(signedBy)), which is not the keyring this repository installs (give 'key_url' and 'keyring: \(signedBy)')")
                }
                variants[variant.key] = spec
            }
            result[family.key] = RepoFamily(name: family.key, variants: variants)
        }
        return result
    }
}

/// An OpenPGP key fingerprint as `repos.yaml` pins it: 40 (v4) or 64 (v5/v6) hex digits, spaces allowed.
enum KeyFingerprint {
    /// Upper-case hex without spaces, or nil when `text` is not a fingerprint.
    static func normalized(_ text: String) -> String? {
        let compact = text.filter { $0 != " " }.uppercased()
        guard compact.count == 40 || compact.count == 64, compact.allSatisfy(\.isHexDigit) else { return nil }
        return compact
    }
}
