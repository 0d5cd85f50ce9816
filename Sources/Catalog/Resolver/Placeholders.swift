import InstallModel

/// Fills `{name}` holes in recipe templates with facts from the profile and the run.
struct Placeholders {
    let values: [String: String]

    init(profile: SystemProfile, userName: String, extra: [String: String] = [:]) {
        var values: [String: String] = [
            "arch": profile.debianArch,
            "uname_arch": profile.arch,
            "distro": profile.distribution,
            "os_version": profile.version,
            "os_major": profile.version.split(separator: ".").first.map(String.init) ?? profile.version,
            "brew_prefix": Placeholders.brewPrefix(profile),
            "user": userName,
        ]
        if let codename = profile.codename { values["codename"] = codename }
        values.merge(extra) { _, new in new }
        self.values = values
    }

    /// Replaces every known `{name}`; unknown holes stay as they are for the orchestrator.
    func expand(_ template: String) -> String {
        var result = template
        for (name, value) in values where result.contains("{" + name + "}") {
            result = result.replacingAll("{" + name + "}", with: value)
        }
        return result
    }

    func expand(_ template: String?) -> String? { template.map { expand($0) } }

    static func brewPrefix(_ profile: SystemProfile) -> String {
        guard profile.isMacOS else { return "/home/linuxbrew/.linuxbrew" }
        return profile.arch == "aarch64" ? "/opt/homebrew" : "/usr/local"
    }
}

extension String {
    /// Plain substring replacement, so the Catalog needs no Foundation for templates.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
