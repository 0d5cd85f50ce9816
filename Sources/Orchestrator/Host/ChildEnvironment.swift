import InstallModel

/// The environment a plan's commands get, and the values in it that the run must treat as secret.
///
/// - `evlog run` (a plan noted `recordedCommandNote`): the caller's environment as it is, minus nothing
///   — a recorded command behaves as it does outside evlog (PATH additions, proxies, tokens).
/// - An install plan: only the allow-list below (what installers need: PATH, HOME, proxies,
///   certificates, package index and proxy settings, `npm_config_*`, a GitHub token for API rate
///   limits), with English messages (`LC_ALL=C.UTF-8`) so diagnosis rules match.
///
/// Either way, the value of every variable whose name looks secret (`isSecretName`) and the password
/// of every `user:password@` URL in a value are returned in `secrets`, for the run's `SecretPolicy`.
public struct ChildEnvironment: Sendable, Equatable {
    /// The note `evlog run` puts on its one-step plan (it selects the caller's environment).
    public static let recordedCommandNote = "recorded with evlog run"
    /// Variables an install plan's commands get, when the caller has them.
    public static let installAllowList = [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "TMPDIR",
        "http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy",
        "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "ALL_PROXY", "NO_PROXY",
        "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS",
        "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_TRUSTED_HOST", "PIP_CERT",
        "GOPROXY", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOPATH",
        "CARGO_HOME", "RUSTUP_HOME", "PIPX_HOME", "PIPX_BIN_DIR", "PKG_CONFIG_PATH",
        "GITHUB_TOKEN", "GH_TOKEN",
    ]
    /// Prefixes of variables an install plan's commands also get (npm reads its settings from these).
    public static let installAllowedPrefixes = ["npm_config_", "NPM_CONFIG_"]
    /// Parts of a variable name that mark its value as secret (matched case-insensitively).
    static let secretNameParts = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "PASS", "KEY", "CREDENTIAL", "AUTH", "PRIVATE", "COOKIE", "JWT", "BEARER", "WEBHOOK"]
    /// Names that match a part above but hold no secret (a socket path, a helper program).
    static let notSecretNames: Set<String> = ["SSH_AUTH_SOCK", "GPG_AGENT_INFO", "GIT_ASKPASS", "SSH_ASKPASS", "SUDO_ASKPASS", "XAUTHORITY", "KEYTIMEOUT"]
    /// A value shorter than this is never registered (it would redact ordinary words: `1`, `yes`).
    static let secretValueBytesMin = 4
    /// Values that are settings, not secrets, even under a secret-looking name.
    static let plainValues: Set<String> = ["true", "false", "yes", "none", "null", "enabled", "disabled"]

    public var variables: [String: String]
    public var secrets: [String]

    /// The environment for `plan`'s commands, taken from `caller` (the process's own environment).
    public static func forPlan(_ plan: Plan, caller: [String: String]) -> ChildEnvironment {
        plan.notes.contains(recordedCommandNote) ? passingCaller(caller) : forInstall(caller: caller)
    }

    /// `evlog run`: everything the caller has.
    public static func passingCaller(_ caller: [String: String]) -> ChildEnvironment {
        ChildEnvironment(variables: caller, secrets: secretValues(of: caller))
    }

    /// An install plan: the allow-list, English messages, a PATH even when the caller has none.
    public static func forInstall(caller: [String: String]) -> ChildEnvironment {
        var variables: [String: String] = [:]
        for (name, value) in caller
        where installAllowList.contains(name) || installAllowedPrefixes.contains(where: { name.hasPrefix($0) }) {
            variables[name] = value
        }
        variables["LC_ALL"] = "C.UTF-8"
        variables["LANG"] = "C.UTF-8"
        if variables["PATH"] == nil { variables["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }
        return ChildEnvironment(variables: variables, secrets: secretValues(of: variables))
    }

    /// Whether a variable of this name holds a secret by its name: a part above, or a name the output's
    /// policy takes for a credential's (`CredentialName`: `DB_PW`, `CREDS`, `SIG`, `DB_PASSWORT`).
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard !notSecretNames.contains(upper) else { return false }
        let named = Array(name.utf8).withUnsafeBufferPointer { CredentialName.kind(of: $0, 0, $0.count) != nil }
        return named || secretNameParts.contains { upper.contains($0) }
    }

    /// The values to register: those of secret-looking names, and URL passwords anywhere, sorted so a
    /// run's policy does not depend on dictionary order.
    static func secretValues(of variables: [String: String]) -> [String] {
        var secrets = Set<String>()
        for (name, value) in variables {
            if isSecretName(name), looksSecret(value) { secrets.insert(value) }
            if let password = urlPassword(in: value), password.utf8.count >= secretValueBytesMin { secrets.insert(password) }
        }
        return secrets.sorted()
    }

    /// A path (`PASSWORD_STORE_DIR=/home/me/.password-store`), a number or a switch is no secret.
    static func looksSecret(_ value: String) -> Bool {
        value.utf8.count >= secretValueBytesMin && !value.hasPrefix("/") && !value.hasPrefix("~")
            && !value.allSatisfy(\.isNumber) && !plainValues.contains(value.lowercased())
    }

    /// The `password` of `scheme://user:password@host…` in `value`, if it has one.
    static func urlPassword(in value: String) -> String? {
        guard let scheme = value.range(of: "://") else { return nil }
        let rest = value[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return nil }
        let credentials = rest[..<at]
        guard !credentials.contains("/"), let colon = credentials.firstIndex(of: ":") else { return nil }
        let password = credentials[credentials.index(after: colon)...]
        return password.isEmpty ? nil : String(password)
    }
}
