import InstallModel

/// How the resolver decided to install one tool, with the tools it needs first.
struct ToolChoice: Sendable {
    let recipe: Recipe
    let method: MethodSpec
    let work: ChosenWork
    /// The command the install provides (`fdfind` for Debian's fd).
    let binary: String
    /// Tools to install before this one (a language manager, or the recipe it goes `via`).
    let dependencies: [ToolChoice]
    /// This method or a dependency downloads something without a pinned checksum.
    let unpinned: Bool
    /// Why this method and not the earlier ones.
    let notes: [String]

    var name: String { recipe.name }
}

/// The concrete install the resolver picked.
enum ChosenWork: Sendable {
    case packages(manager: PackageManager, names: [String], repository: RepoSpec?)
    case language(LanguagePackage)
    case release(ReleaseSpec, asset: ReleaseAsset, platform: String)
    case script(ScriptSpec)
    /// Nothing of its own: the tool comes with a dependency (`cargo` via `rustup`).
    case delegated(String)

    /// For notes: `apt (ripgrep)`, `pipx (black)`.
    var summary: String {
        switch self {
        case .packages(let manager, let names, let repository):
            let from = repository.map { " from the \($0.name) repository" } ?? ""
            return "\(manager.rawValue) package \(names.joined(separator: " "))\(from)"
        case .language(let package): return "\(package.installer.rawValue) package \(package.package)"
        case .release(let spec, _, let platform): return "release \(spec.version) of \(spec.repository) for \(platform)"
        case .script(let spec): return "installer script \(spec.url) (sha256 pinned)"
        case .delegated(let tool): return "via \(tool)"
        }
    }
}

extension ChosenWork {
    /// The third-party repository the packages come from, if any.
    var repositoryName: String? {
        if case .packages(_, _, let repository?) = self { return repository.name }
        return nil
    }
}
