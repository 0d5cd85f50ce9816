import Foundation
import PathSafety
import InstallModel

/// Finds how a tool is installed on this machine when no plan log says: the package that owns its command
/// (dpkg, rpm, pacman, apk), a pipx venv or an npm package behind ~/.local/bin, a cargo binary, or a plain file
/// evlog may remove.
public struct SystemInstallFinder: InstalledCopiesProbe {
    public static let timeoutSeconds = 10.0
    public let searchPath: String
    public let home: String

    /// Where cargo puts binaries: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
    public let cargoBin: String

    /// The user's home as the shell sees it: `$HOME` first (Foundation's `NSHomeDirectory()` reads the password
    /// database on Linux, so it ignores a `HOME` the user set), the password database's when `$HOME` is unset,
    /// empty or relative (`UserHomeRule`).
    public static var userHome: String {
        UserHomeRule.home(environment: ProcessInfo.processInfo.environment, passwordDatabase: NSHomeDirectory)
    }

    public init(
        searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", home: String = Self.userHome,
        cargoHome: String? = ProcessInfo.processInfo.environment["CARGO_HOME"]
    ) {
        self.searchPath = searchPath
        self.home = home
        cargoBin = (cargoHome ?? home + "/.cargo") + "/bin"
    }

    /// How `recipe`'s command got here, or nil when it is not installed (not on PATH or in ~/.local/bin) or
    /// was put there by something evlog does not know (`unmanagedPath` says where).
    /// A command another program answers to (`InstalledVersion.Reading.otherProgram`) is not the tool.
    public func find(_ recipe: Recipe) -> InstallKind? {
        for binary in Resolver.binaries(of: recipe) {
            guard let path = ProgramSearch.find(binary, path: searchPath + ":" + userBinDirectories.joined(separator: ":")),
                otherProgram(recipe, at: path) == nil
            else { continue }
            if let how = kind(of: path, binary: binary, recipe: recipe) { return how }
        }
        return nil
    }

    /// The first command of `recipe`'s names on PATH that is another program: where, what owns it, what it printed.
    public func otherProgram(_ recipe: Recipe) -> (path: String, how: InstallKind?, printed: String)? {
        for binary in Resolver.binaries(of: recipe) {
            guard let path = ProgramSearch.find(binary, path: searchPath + ":" + userBinDirectories.joined(separator: ":")),
                let printed = otherProgram(recipe, at: path)
            else { continue }
            return (path, kind(of: path, binary: binary, recipe: recipe), printed)
        }
        return nil
    }

    /// What the command at `path` printed when it is another program than `recipe`'s, else nil.
    private func otherProgram(_ recipe: Recipe, at path: String) -> String? {
        guard case .otherProgram(let printed) = InstalledVersion.reading(recipe, binary: path, with: PathInstalledProbe(searchPath: searchPath))
        else { return nil }
        return printed
    }

    /// Where `recipe`'s command is when neither evlog nor a package manager or installer it knows put it there
    /// (a pyenv or asdf shim, a file in ~/bin): evlog leaves such a file alone.
    public func unmanagedPath(_ recipe: Recipe) -> String? {
        for binary in Resolver.binaries(of: recipe) {
            guard let path = ProgramSearch.find(binary, path: searchPath + ":" + userBinDirectories.joined(separator: ":")) else { continue }
            if kind(of: path, binary: binary, recipe: recipe) == nil { return path }
        }
        return nil
    }

    /// Every copy of `recipe`'s command on PATH and in the home's bin directories, and what put each there.
    /// One file reached by two names is one copy (`/bin/jq` and `/usr/bin/jq` on a merged /usr): the first name on
    /// PATH stands for it.
    public func copies(of recipe: Recipe) -> [InstalledCopy] {
        var seen: Set<String> = []
        return Resolver.binaries(of: recipe).flatMap { binary in
            ProgramSearch.all(binary, path: searchPath + ":" + userBinDirectories.joined(separator: ":")).compactMap { path in
                guard seen.insert(Self.realPath(path)).inserted else { return nil }
                return InstalledCopy(path: path, how: kind(of: path, binary: binary, recipe: recipe))
            }
        }
    }

    public func copy(shadowing placed: String, of recipe: Recipe) -> InstalledCopy? {
        let target = placed.hasPrefix("~/") ? home + placed.dropFirst(1) : placed
        guard let slash = target.lastIndex(of: "/") else { return nil }
        let (directory, name) = (String(target[..<slash]), String(target[target.index(after: slash)...]))
        let entries = searchPath.split(separator: ":").map(String.init)
        guard let first = ProgramSearch.find(name, path: searchPath), Self.realPath(first) != Self.realPath(target),
            let before = first.lastIndex(of: "/").flatMap({ entries.firstIndex(of: String(first[..<$0])) }),
            before < entries.firstIndex(of: directory) ?? entries.count
        else { return nil }
        return InstalledCopy(path: first, how: kind(of: first, binary: name, recipe: recipe))
    }

    /// `path` with every symbolic link resolved (realpath(3)), or itself when it cannot be.
    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directories in the home where evlog's user-level installs put commands.
    private var userBinDirectories: [String] { [home + "/.local/bin", cargoBin, home + "/go/bin"] }

    /// nil for a file outside the directories evlog installs to that no package owns (a version manager's shim).
    private func kind(of path: String, binary: String, recipe: Recipe) -> InstallKind? {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? path
        if target.contains("/pipx/venvs/") {
            let afterVenvs = target.components(separatedBy: "/pipx/venvs/").last ?? ""
            if let package = afterVenvs.split(separator: "/").first { return .language(.pipx, String(package)) }
        }
        // npm's global bin links point into `<prefix>/lib/node_modules/<package>/` (a scope adds one level).
        if target.contains("/node_modules/") {
            let parts = (target.components(separatedBy: "/node_modules/").last ?? "").split(separator: "/").map(String.init)
            if let first = parts.first {
                return .language(.npm, first.hasPrefix("@") && parts.count > 1 ? first + "/" + parts[1] : first)
            }
        }
        if path.hasPrefix(cargoBin + "/") {
            return .language(.cargo, Self.languagePackage(recipe, .cargo) ?? binary)
        }
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        if path.hasPrefix(home + "/") {
            return userBinDirectories.contains(directory) ? .file("~/" + path.dropFirst(home.count + 1)) : nil
        }
        if let owner = owner(of: path) { return owner }
        // A file no package owns is evlog's to remove only where evlog puts release binaries as root.
        return directory == PlanAssembler.systemBinDirectory ? .file(path) : nil
    }

    /// The system package that owns `path`, asking each package database present.
    private func owner(of path: String) -> InstallKind? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let candidates = Array(Set([path, resolved, path.replacingOccurrences(of: "/usr/bin/", with: "/bin/")])).sorted()
        let queries: [(PackageManager, String, [String])] = [
            (.apt, "dpkg-query", ["-S"]), (.dnf, "rpm", ["-qf", "--queryformat", "%{NAME}\n"]),
            (.pacman, "pacman", ["-Qqo"]), (.apk, "apk", ["info", "-q", "--who-owns"]),
        ]
        for (manager, tool, arguments) in queries {
            guard let executable = ProgramSearch.find(tool, path: searchPath) else { continue }
            for candidate in candidates {
                guard let result = CommandCapture.run([executable] + arguments + [candidate], timeoutSeconds: Self.timeoutSeconds),
                    result.status == 0
                else { continue }
                if let name = Self.ownerName(manager, path: candidate, output: result.output) { return .packages(manager, [name]) }
            }
        }
        return nil
    }

    /// The package named in an owner query's answer, or nil. dpkg answers `tree: /usr/bin/tree` (or
    /// `pkg:amd64, other: /path` for a shared path), and its own complaints start with `dpkg-query:`, so only a line
    /// ending `: <path>` counts, its first name taken; the others print the bare name. A name must be one a
    /// package can have (letters, digits, `+-._`, an `:arch` dropped), never an error's first word.
    static func ownerName(_ manager: PackageManager, path: String, output: String) -> String? {
        for line in output.split(whereSeparator: \.isNewline) {
            var name = Substring(line.trimmingCharacters(in: .whitespaces))
            if manager == .apt {
                guard name.hasSuffix(": " + path) else { continue }
                let first = name.dropLast(path.count + 2).split(separator: ",").first ?? ""
                let parts = first.split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count <= 2, parts.dropFirst().allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } })
                else { continue }
                name = parts.first ?? ""
            }
            let isPackageName = name.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-._".contains($0)) }
            if isPackageName { return String(name) }
        }
        return nil
    }

    /// The package a recipe's language method installs with `installer`, if it has one.
    static func languagePackage(_ recipe: Recipe, _ installer: PackageManager) -> String? {
        for method in recipe.methods {
            if case .language(let package) = method.kind, package.installer == installer { return package.package }
        }
        return nil
    }
}

/// What `apt-get --simulate remove` says removing packages would also remove (its reverse dependencies).
public enum AptRemovalProbe {
    /// What one `apt-get --simulate remove` of some packages says.
    public struct Removal: Sendable {
        /// Other installed packages that would go too (their reverse dependencies).
        public var others: [String]
        /// The essential packages (dpkg's `Essential: yes`, which every Debian system needs) it would remove.
        public var essential: [String]
        /// The packages the user has put on hold (`apt-mark hold`) it would change: a real removal with `-y` fails on
        /// them (truth12 F19).
        public var held: [String] = []
    }

    /// apt answered, and will not do it: removing the packages breaks other installed packages it cannot remove.
    public struct Refused: Error, CustomStringConvertible, Sendable {
        /// apt's own error line.
        public var reason: String
        public var description: String { reason }
    }

    /// The simulation did not answer (timed out, or apt-get failed): what removing the packages takes is unknown.
    public struct Unanswered: Error, CustomStringConvertible, Sendable {
        /// apt-get's last line, or that it did not finish.
        public var reason: String
        public var description: String { reason }
    }

    /// What removing `packages` would also remove; nil when apt-get is not here. Throws `Unanswered` when the
    /// simulation fails or does not finish in time, so a caller never takes "no answer" for "nothing else goes".
    public static func removal(_ packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        throws -> Removal?
    {
        guard let aptGet = ProgramSearch.find("apt-get", path: searchPath) else { return nil }
        guard let result = CommandCapture.run([aptGet, "--simulate", "remove", "--"] + packages, timeoutSeconds: simulationSeconds) else {
            throw Unanswered(reason: "apt-get --simulate remove did not finish in \(Int(simulationSeconds)) s")
        }
        guard result.status == 0 else {
            let last = result.output.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no output"
            // An answer, not a failure to answer (truth12 F18: `uninstall --force openssl` said "try again when apt answers").
            if last.contains("pkgProblemResolver::Resolve generated breaks") || last.contains("Unable to correct problems") { throw Refused(reason: last) }
            throw Unanswered(reason: "apt-get --simulate remove exited \(result.status): \(last)")
        }
        return Removal(
            others: removedPackages(inSimulation: result.output).filter { !packages.contains($0) },
            essential: essentialPackages(inSimulation: result.output),
            held: indentedNames(after: "The following held packages will be changed", in: result.output))
    }

    /// How long a simulation may take: apt reads its whole package cache, slow on a loaded machine.
    static let simulationSeconds = 120.0

    /// Other installed packages that would go too; nil when apt-get is not here or the simulation fails.
    public static func alsoRemoved(_ packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> [String]?
    {
        (try? removal(packages, searchPath: searchPath))??.others
    }

    /// The indented names after apt's "WARNING: The following essential packages will be removed." (and its
    /// "This should NOT be done…" line), up to the next line that is not indented.
    static func essentialPackages(inSimulation output: String) -> [String] {
        indentedNames(after: "WARNING: The following essential packages will be removed", in: output)
    }

    /// The indented names on the lines after the line starting with `header` (apt's lists), up to the next line that is
    /// not indented; apt's "This should NOT be done…" line inside the essential list is skipped.
    static func indentedNames(after header: String, in output: String) -> [String] {
        let lines = output.split(whereSeparator: \.isNewline)
        guard let warning = lines.firstIndex(where: { $0.hasPrefix(header) }) else { return [] }
        var names: [String] = []
        for line in lines[(warning + 1)...] where !line.hasPrefix("This should NOT") {
            guard line.hasPrefix(" ") else { break }
            names += line.split(separator: " ").map(String.init)
        }
        return names
    }

    /// The installed packages `packages` need, directly or not (`apt-cache depends --recurse --installed`, hard
    /// dependencies only), themselves included; nil when apt-cache cannot say.
    public static func dependencies(of packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> Set<String>?
    {
        let flags = ["--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances"]
        guard !packages.isEmpty, let aptCache = ProgramSearch.find("apt-cache", path: searchPath),
            let result = CommandCapture.run([aptCache, "depends", "--recurse", "--installed"] + flags + ["--"] + packages, timeoutSeconds: simulationSeconds),
            result.status == 0, result.output.utf8.count < CommandCapture.outputBytesMax
        else { return nil }
        return dependencyNames(inDepends: result.output)
    }

    /// Every package named in `apt-cache depends` output: the unindented package lines and the last word of each
    /// `Depends:`/`PreDepends:` line, without `<…>` (a virtual package) or `:any`.
    static func dependencyNames(inDepends output: String) -> Set<String> {
        var names: Set<String> = []
        for line in output.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix(" ") || trimmed.contains("Depends:"), let word = trimmed.split(separator: " ").last else { continue }
            let name = word.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            names.insert(name.hasSuffix(":any") ? String(name.dropLast(4)) : name)
        }
        return names
    }

    /// The packages that removing `packages` leaves needed by nothing: what the install pulled in with them
    /// (apt marked them automatic), minus what was already unneeded before, so nothing the user had stays
    /// or goes by accident. Empty when apt cannot say.
    public static func leftUnneeded(
        byRemoving packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    ) -> [String] {
        guard let withDependencies = simulate(["--auto-remove", "remove", "--"] + packages, searchPath: searchPath),
            let alreadyUnneeded = simulate(["autoremove"], searchPath: searchPath)
        else { return [] }
        return newlyUnneeded(removing: packages, withDependencies: withDependencies, alreadyUnneeded: alreadyUnneeded)
    }

    /// What `apt-get --simulate --auto-remove remove` lists beyond the packages themselves and what
    /// `apt-get --simulate autoremove` already listed.
    static func newlyUnneeded(removing packages: [String], withDependencies: [String], alreadyUnneeded: [String]) -> [String] {
        let excluded = Set(packages).union(alreadyUnneeded)
        return withDependencies.filter { !excluded.contains($0) }
    }

    /// The package names of an `apt-get --simulate` run's `Remv <name> [<version>]` lines.
    static func removedPackages(inSimulation output: String) -> [String] {
        output.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard line.hasPrefix("Remv ") else { return nil }
            return line.dropFirst(5).split(separator: " ").first.map(String.init)
        }
    }

    private static func simulate(_ arguments: [String], searchPath: String) -> [String]? {
        guard let aptGet = ProgramSearch.find("apt-get", path: searchPath),
            let result = CommandCapture.run([aptGet, "--simulate"] + arguments, timeoutSeconds: simulationSeconds), result.status == 0
        else { return nil }
        return removedPackages(inSimulation: result.output)
    }

    /// Which of `packages` apt counts as installed by hand (`apt-mark showmanual`): a package an install pulled in
    /// that the user has since marked manual (`apt-mark manual`) is the user's now, and `apt autoremove` keeps it
    /// too. A package dpkg is in the middle of removing is not: apt dropped its automatic mark when the removal began,
    /// nobody marked it (truth12 F14: after an uninstall cut off mid-purge, the next one blamed the user for marks on
    /// five half-removed libraries). nil when apt-mark or dpkg-query is not here or does not answer: then no such
    /// package is known to be evlog's to remove.
    public static func markedManual(_ packages: [String], searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> Set<String>?
    {
        guard !packages.isEmpty else { return [] }
        guard let aptMark = ProgramSearch.find("apt-mark", path: searchPath),
            let result = CommandCapture.run([aptMark, "showmanual", "--"] + packages, timeoutSeconds: simulationSeconds), result.status == 0,
            let states = dpkgStates(packages, searchPath: searchPath)
        else { return nil }
        return markedManual(packages, showmanual: result.output, states: states)
    }

    /// The packages `apt-mark showmanual` lists that dpkg is not removing.
    static func markedManual(_ packages: [String], showmanual output: String, states: [String: DpkgPackageState]) -> Set<String> {
        let listed = Set(output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
        return Set(packages.filter { listed.contains($0) && states[$0]?.isBeingRemoved != true })
    }

    /// What `apt-cache policy` says of `package`: the version installed and the one apt would install now; nil
    /// when apt cannot be asked.
    public static func policy(_ package: String, searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        -> (installed: String?, candidate: String?)?
    {
        guard let aptCache = ProgramSearch.find("apt-cache", path: searchPath),
            let result = CommandCapture.run([aptCache, "policy", package], timeoutSeconds: 10), result.status == 0
        else { return nil }
        return policy(inOutput: result.output)
    }

    /// The `Installed:` and `Candidate:` versions of an `apt-cache policy` output (`(none)`: nil).
    static func policy(inOutput output: String) -> (installed: String?, candidate: String?) {
        var fields: [String: String] = [:]
        for line in output.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for field in ["Installed:", "Candidate:"] where trimmed.hasPrefix(field) && fields[field] == nil {
                let value = trimmed.dropFirst(field.count).trimmingCharacters(in: .whitespaces)
                if value != "(none)" { fields[field] = value }
            }
        }
        return (fields["Installed:"], fields["Candidate:"])
    }
}
