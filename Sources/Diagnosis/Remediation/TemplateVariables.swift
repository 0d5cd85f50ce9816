import InstallModel

/// The values `{holes}` in remediation templates are filled with: the rule's captures plus facts about
/// the failed step and the system (`pm`, `system_pm`, `step_id`, `tool`, `dev_package`), and values derived
/// from both (`host` of a URL, `suite` of an apt source, `unit` of a systemctl command, `library_package`;
/// see `DerivedValues`).
struct TemplateVariables {
    private(set) var values: [String: String]
    /// Why a derived value is missing, e.g. no known package for a header; used as the impossible reason.
    private(set) var missingReasons: [String: String] = [:]
    private let devPackages: DevPackageMap

    init(captures: [String: String], failedStep: Step, profile: SystemProfile?, devPackages: DevPackageMap) {
        var values = captures
        var captures = captures
        // A linker message names the library as its flag (`-lsodium`); the rest of the catalog wants `sodium`.
        if let library = captures["library"], library.hasPrefix("-l"), library.count > 2 {
            captures["library"] = String(library.dropFirst(2))
            values["library"] = captures["library"]
        }
        self.devPackages = devPackages
        if let codename = profile?.codename { values["codename"] = codename }
        if let suite = [captures["repo"], captures["url"]].compactMap({ $0 }).lazy.compactMap(DerivedValues.suite(inRepository:)).first {
            values["suite"] = suite
        }
        if let library = captures["library"] {
            values["library_file"] = DerivedValues.libraryFile(library)
            values["library_stem"] = DerivedValues.libraryStem(library)
            if let package = DerivedValues.debianLibraryPackage(library) { values["library_package"] = package }
        }
        if let available = captures["available"], let newest = TemplateVariables.newestFirst(available) {
            values["available_newest"] = newest
        }
        let context = AnalysisContext(step: failedStep, command: TemplateVariables.argv(of: failedStep))
        let manager = context.packageManager ?? profile?.primaryPackageManager
        let systemManager = profile?.primaryPackageManager ?? (manager?.isSystem == true ? manager : nil)
        let words = context.command.flatMap { $0.split(separator: " ").map(String.init) }
        if values["host"] == nil,
            let host = [captures["url"], captures["repo"]].compactMap({ $0 }).lazy.compactMap(DerivedValues.host(inURLOf:)).first
                ?? DerivedValues.host(inCommand: words)
        {
            values["host"] = host
        }
        if values["unit"] == nil, let unit = DerivedValues.unit(inCommand: words) { values["unit"] = unit }
        if let manager { values["pm"] = manager.rawValue }
        if let systemManager { values["system_pm"] = systemManager.rawValue }
        values["step_id"] = failedStep.id.rawValue
        if let tool = failedStep.tool { values["tool"] = tool }
        if values["package"] == nil,
            let package = TemplateVariables.soloPackage(of: failedStep) ?? TemplateVariables.installedName(in: context.command)
        {
            values["package"] = package
        }
        self.values = values
        guard let systemManager else {
            if captures["header"] != nil || captures["pkgconfig"] != nil || captures["library"] != nil {
                missingReasons["dev_package"] = "the system package manager is not known"
            }
            return
        }
        if let header = captures["header"] {
            if let package = devPackages.package(forHeader: header, manager: systemManager) {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides \(header)"
            }
        } else if let module = captures["pkgconfig"] {
            if let package = devPackages.package(forPkgConfig: module, manager: systemManager) {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides the pkg-config module \(module)"
            }
        } else if let library = captures["library"] {
            if let package = devPackages.package(forLibrary: library, manager: systemManager)
                ?? TemplateVariables.conventionalDevPackage(library: library, manager: systemManager)
            {
                self.values["dev_package"] = package
            } else {
                missingReasons["dev_package"] = "no known \(systemManager.rawValue) package provides -l\(library)"
            }
        }
    }

    /// Fills `{name}` holes; returns the names it could not fill. `{name|other|fallback}` shows the first
    /// name with a value, else the fallback text; a fallback that itself holds holes is a clause shown only
    /// when the name has a value (`{arch| ({arch})}`), so a missing value drops its clause instead of
    /// leaving braces. Never prints the alternatives.
    func fill(_ text: String) -> (text: String, missing: [String]) {
        fillHoles(Substring(text))
    }

    /// Fills a sentence shown to a person (summary, notice): holes as `fill`, then spacing normalised. Sentences
    /// hold commands to try (`getent hosts {host}`, `findmnt -T {path}`) and a value may be any output's text, so
    /// one that is not a plain word is shell-quoted (`ShellQuoting`): pasted, it stays one argument
    /// (`'x;curl …|sh'`), never syntax.
    func fillProse(_ text: String) -> (text: String, missing: [String]) {
        let filled = fillHoles(Substring(text), quoting: true)
        return (TemplateVariables.normaliseSpacing(filled.text), filled.missing)
    }

    /// `value` shell-quoted, blanks around it left outside the quotes: they are spacing, not part of the value.
    static func quotedWithinBlanks(_ value: String) -> String {
        let leading = value.prefix { $0 == " " || $0 == "\t" }
        let rest = value.dropFirst(leading.count)
        let trailing = String(rest.reversed().prefix { $0 == " " || $0 == "\t" })
        let core = String(rest.dropLast(trailing.count))
        return core.isEmpty ? value : leading + ShellQuoting.quote(core) + trailing
    }

    private func fillHoles(_ text: Substring, quoting: Bool = false) -> (text: String, missing: [String]) {
        var output = ""
        var missing: [String] = []
        var rest = text
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = TemplateVariables.matchingClose(in: rest, from: open) else {
                output += rest[rest.index(after: open)...]
                rest = ""
                break
            }
            let hole = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let parts = TemplateVariables.splitTopLevel(hole)
            let names = parts.count == 1 ? parts : Array(parts.dropLast())
            let present = names.first { value(of: $0) != nil }
            if parts.count > 1, let last = parts.last, last.contains("{") {
                // A clause: shown, filled, only when its name has a value.
                if present != nil { output += fillHoles(Substring(last), quoting: quoting).text }
            } else if let present, let value = value(of: present) {
                output += quoting ? TemplateVariables.quotedWithinBlanks(value) : value
            } else if parts.count > 1 {
                output += parts[parts.count - 1]
            } else {
                missing.append(parts[0])
                output += "{\(parts[0])}"
            }
        }
        output += rest
        return (output, missing)
    }

    /// The `}` closing the `{` at `open`, counting nested holes.
    private static func matchingClose(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// Splits a hole on `|` outside nested holes.
    private static func splitTopLevel(_ hole: Substring) -> [String] {
        var parts: [String] = [""]
        var depth = 0
        for character in hole {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if character == "|", depth == 0 { parts.append("") } else { parts[parts.count - 1].append(character) }
        }
        return parts
    }

    /// Runs of spaces collapse to one; no space before `)`, `,`, `:`, `;`, `.` at the end; trimmed ends.
    static func normaliseSpacing(_ text: String) -> String {
        var output = ""
        for character in text {
            if character == " ", output.last == " " { continue }
            if ",;:)".contains(character), output.last == " " { output.removeLast() }
            output.append(character)
        }
        if output.hasSuffix(" .") { output.removeLast(2); output += "." }
        return output.trimmingCharacters(in: .whitespaces)
    }

    /// A plain value, or `dev:NAME`: the system package manager's package for the bundle NAME
    /// (`dev:build-essential` is `build-essential` on apt, `build-base` on apk).
    private func value(of name: String) -> String? {
        if let value = values[name] { return value.trimmingCharacters(in: .whitespaces).isEmpty ? nil : value }
        guard name.hasPrefix("dev:"), let manager = values["system_pm"].flatMap(PackageManager.init(rawValue:)) else {
            return nil
        }
        return devPackages.package(forBundle: String(name.dropFirst(4)), manager: manager)
    }

    func reason(forMissing name: String) -> String {
        if name.hasPrefix("dev:") {
            return "no known \(values["system_pm"] ?? "system") package for \(name.dropFirst(4))"
        }
        return missingReasons[name] ?? "the output does not say which \(name.replacingOccurrences(of: "_", with: " ")) it is"
    }

    /// The development package a linker library `-lNAME` is in by the distribution's naming policy, for
    /// libraries the shipped index does not list: Debian's `libNAME-dev`, Fedora's `NAME-devel`, Alpine's `NAME-dev`.
    static func conventionalDevPackage(library: String, manager: PackageManager) -> String? {
        guard !library.contains(".so"), library.allSatisfy({ $0.isLetter || $0.isNumber || "+-_.".contains($0) }) else {
            return nil
        }
        let base = library.hasPrefix("lib") ? String(library.dropFirst(3)) : library
        // Debian and Alpine package names have no `_` and no capitals (`-lnosuch_x` is in `libnosuch-x-dev`).
        let lowered = base.lowercased().replacingOccurrences(of: "_", with: "-")
        switch manager {
        case .apt: return "lib\(lowered)-dev"
        case .dnf, .yum: return "lib\(base)-devel"
        case .apk: return "\(lowered)-dev"
        default: return nil
        }
    }

    /// How many versions a remediation names.
    static let versionsShown = 5

    /// A tool's version list (`0.1, 0.2, … 2.0`, oldest first as pip and npm print it) as the few newest,
    /// newest first: `2.0, 1.9, 1.8 (newest first, 40 in all)`. Pieces cut by a long line's elision are left out.
    static func newestFirst(_ list: String) -> String? {
        let versions = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.contains("…") && !$0.contains(" ") }
        guard !versions.isEmpty else { return nil }
        let shown = versions.suffix(versionsShown).reversed().joined(separator: ", ")
        let elided = list.contains("…") ? "more" : "\(versions.count)"
        return versions.count > versionsShown ? "\(shown) (newest first; \(elided) in all)" : shown
    }

    static func argv(of step: Step) -> [String] {
        switch step.action {
        case .postInstall(let p): p.argv
        case .packages(let p): [p.manager.rawValue] + p.packages
        case .tool(let p): [p.installer?.rawValue ?? "script"] + (p.package.map { [$0] } ?? [])
        case .verify(let p): [p.binary] + p.arguments
        default: []
        }
    }

    /// The single package an `… install NAME` command line names (`pip3 install httpie`), if exactly one.
    static func installedName(in command: [String]) -> String? {
        let words = command.flatMap { $0.split(separator: " ").map(String.init) }
        guard let install = words.firstIndex(of: "install") else { return nil }
        let names = words[(install + 1)...].prefix { !["&&", "||", ";", "|"].contains($0) }.filter { !$0.hasPrefix("-") }
        return names.count == 1 ? names.first : nil
    }

    private static func soloPackage(of step: Step) -> String? {
        switch step.action {
        case .packages(let p): p.packages.count == 1 ? p.packages.first : nil
        case .tool(let p): p.package
        default: nil
        }
    }
}
