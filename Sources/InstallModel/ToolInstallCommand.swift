/// The command line of a language installer's install (pip, pipx, cargo, npm, go, gem), built in one place
/// so that the plan shows exactly the argv the step runs.
extension ToolParameters {
    /// The argv that installs this step's package with its installer, as it runs and as the plan shows it;
    /// nil for a script installer.
    public var installArgv: [String]? {
        guard let installer, let package else { return nil }
        var options: [String] = []
        if installer == .cargo, let version { options += ["--version", version] }
        if installer == .gem, let version { options += ["-v", version] }
        return Self.languageInstall(installer, [Self.versioned(package, version, installer)], options: options + arguments)
    }

    /// A language installer's install command for `packages`: its options first and then `--`, so a package
    /// name can never be read as an option even if one passed the grammars (all five that take `--` end option
    /// parsing there); nil for a system package manager.
    ///
    /// An option evlog always passes (`--locked`, `--user`) is passed once even when a recipe names it too:
    /// cargo refuses a flag given twice.
    public static func languageInstall(_ installer: PackageManager, _ packages: [String], options: [String]) -> [String]? {
        func always(_ option: String) -> [String] { options.contains(option) ? options : [option] + options }
        return switch installer {
        case .pip: ["python3", "-m", "pip", "install"] + always("--user") + ["--"] + packages
        case .pipx: ["pipx", "install"] + options + ["--"] + packages
        case .cargo: ["cargo", "install"] + always("--locked") + ["--"] + packages
        case .npm: ["npm", "install", "-g"] + options + ["--"] + packages
        case .go: ["go", "install"] + options + ["--"] + packages
        case .gem: ["gem", "install"] + packages + options
        case .apt, .dnf, .yum, .zypper, .apk, .pacman, .brew, .snap: nil
        }
    }

    /// A language package's name without its version request or Python extras, as its installer names what it
    /// installed: `black==24.*` and `yamllint>=1.33` → the name (pip and pipx name the venv, and uninstall, without
    /// version or extras: `huggingface_hub[cli]` → `huggingface_hub`), `left-pad@1.3` → `left-pad`,
    /// `@types/node@20` → `@types/node`; a go module path keeps its path and loses `@version`.
    public static func unpinned(_ package: String, installer: PackageManager) -> String {
        if installer == .pip || installer == .pipx { return String(package.prefix { !"[=<>!~;@ ".contains($0) }) }
        var name = package.components(separatedBy: "==")[0]
        if let at = name.lastIndex(of: "@"), at != name.startIndex { name = String(name[..<at]) }
        return name
    }

    /// `package` with the version its installer is asked for. `go install` outside a module needs one: a module
    /// path that already names it (`…/cmd@latest`, `…@v1.2.3`) keeps its own, or has it replaced by `version`.
    private static func versioned(_ package: String, _ version: String?, _ installer: PackageManager) -> String {
        switch installer {
        case .pip, .pipx: return version.map { package + "==" + $0 } ?? package
        case .npm: return version.map { package + "@" + $0 } ?? package
        case .go:
            // A version follows the last path element; an `@` elsewhere in the path is not one.
            let namesVersion = (package.split(separator: "/").last ?? "").contains("@")
            guard namesVersion, let at = package.lastIndex(of: "@") else { return package + "@" + (version ?? "latest") }
            return version.map { String(package[..<at]) + "@" + $0 } ?? package
        default: return package
        }
    }
}
