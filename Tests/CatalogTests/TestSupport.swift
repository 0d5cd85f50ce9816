import Catalog
import Foundation
import InstallModel
import Testing

/// Shared fixtures: the bundled catalog loaded once, and helpers to resolve against named profiles.
enum TestSupport {
    static let catalog: Catalog = {
        do {
            return try Catalog.bundled()
        } catch {
            fatalError("bundled catalog does not load: \(error)")
        }
    }()

    static let acceptanceTools = """
        git curl jq ripgrep fd bat fzf htop tmux neovim make cmake python3 pipx node go cargo-audit kubectl helm k9s \
        terraform docker podman gh shellcheck yq httpie trivy hadolint pre-commit ruff black poetry nginx redis-tools gcc \
        awscli postgresql-client rustup bash
        """.split(separator: " ").map(String.init)

    static let rootlessProfiles = ["debian-rootless", "alpine-rootless"]

    static func profile(_ name: String) -> SystemProfile {
        guard let profile = NamedProfiles.named(name) else { fatalError("no named profile \(name)") }
        return profile
    }

    static func plan(_ tools: [String], on profile: String, options: ResolveOptions = ResolveOptions())
        throws(CatalogError) -> Plan
    {
        try Resolver(catalog: catalog).resolve(tools: tools, profile: self.profile(profile), planID: PlanID("p-test"), options: options)
    }

    /// The package directory, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
