/// The environment variables a remediation may set for a step's re-run (Docs/REMEDIATIONS.md): proxies,
/// certificate bundles, package index and registry settings, tokens for API rate limits, build
/// parallelism and a few tool settings. Anything else (`PATH`, `LD_PRELOAD`, `HOME`, …) is refused,
/// so a rule file cannot change what runs or where it loads code from.
public enum RemediationEnvironment {
    public static let allowedNames: Set<String> = [
        "http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy",
        "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY", "NO_PROXY",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_CERT", "PIP_DEFAULT_TIMEOUT",
        "PIP_NO_CACHE_DIR", "PIP_BREAK_SYSTEM_PACKAGES",
        "GOPROXY", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOFLAGS",
        "CARGO_NET_RETRY", "CARGO_BUILD_JOBS", "CARGO_HTTP_TIMEOUT", "MAKEFLAGS", "PKG_CONFIG_PATH",
        "GITHUB_TOKEN", "GH_TOKEN", "COMPOSER_MEMORY_LIMIT", "DOCKER_API_VERSION", "RUSTUP_TOOLCHAIN",
    ]
    /// Prefixes of names also allowed (npm reads its settings from these).
    public static let allowedPrefixes = ["npm_config_", "NPM_CONFIG_"]

    public static func isAllowed(_ name: String) -> Bool {
        allowedNames.contains(name) || allowedPrefixes.contains { name.hasPrefix($0) && name.count > $0.count }
    }

    /// Why a remediation may not set `name`, or nil when it may.
    public static func refusal(forName name: String) -> String? {
        isAllowed(name)
            ? nil
            : "a remediation may not set \(name): it is not on the environment allow-list (Docs/REMEDIATIONS.md)"
    }
}
