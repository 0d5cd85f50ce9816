import InstallModel

/// `shell_config`: PATH entries and environment variables in the right profile file for the shell, as one
/// block between marker lines that name evlog and the plan, so that its rollback (`removeBlock`) takes
/// out exactly that block and nothing the user wrote. The file is backed up first (the step's `backupBefore`).
enum ShellConfigExecutor {
    static func execute(_ p: ShellConfigParameters, context: ExecutionContext) async -> StepOutcome {
        let profile = profileFile(p.shell, home: context.userHome)
        let path = followingLinks(profile, in: context.fileSystem)
        // Edited as bytes (`ByteText`): the user's lines stay byte for byte whatever their encoding.
        let existing = ByteText.of(bytes: ((try? context.fileSystem.read(path)) ?? nil) ?? [])
        let markers = ShellBlock(planID: p.blockPlan ?? context.planID)
        if p.removeBlock == true {
            guard let without = markers.removing(from: existing) else { return .skipped(detail: "\(path) has no block from \(markers.name)") }
            return await FileWriter.write(path, contents: ByteText.bytes(without), mode: nil, owner: nil, asRoot: false, context: context)
        }
        if let problem = placeProblem(p, home: context.userHome, in: context.fileSystem) { return .failed(.refusedByPolicy(problem)) }
        // Lines the file already has (outside this plan's block) are not written again.
        let outside = markers.removing(from: existing) ?? existing
        let present = Set(ByteText.lines(outside))
        let wanted = lines(p).map(ByteText.of).filter { !present.contains($0) }
        guard !wanted.isEmpty else { return .skipped(detail: "\(path) already has every line") }
        let updated = markers.replacing(in: outside, with: wanted)
        if updated == existing { return .skipped(detail: "\(path) already has \(markers.name)'s block") }
        let written = await FileWriter.write(path, contents: ByteText.bytes(updated), mode: nil, owner: nil, asRoot: false, context: context)
        guard case .done(let code, _) = written else { return written }
        // The file as the shell reads it, not where its links lead (a dotfiles repository): what the user sources, and
        // what a reproduction, which has no links, says too (repro22 #1).
        return .done(exitCode: code, note: "restart your shell (or run `. \(profile)`) to pick up the new PATH")
    }

    /// Why a directory the block names (a PATH entry, a value that is a place: `CARGO_HOME=/…`) may be changed by
    /// another user, or nil (trust16 #9): checked again here, as it stands when the block is written — at plan time
    /// it may not have existed; then the nearest directory on it that exists must be locked.
    static func placeProblem(_ p: ShellConfigParameters, home: String, in fileSystem: any FileSystem) -> String? {
        let places = p.pathEntries + p.environment.values.filter { $0.hasPrefix("/") || $0.hasPrefix("~/") }
        for place in places {
            let path = place.hasPrefix("~/") ? home + place.dropFirst() : place
            if let problem = fileSystem.directoryChangeableByOthers(path) {
                return "\(place) was not put in the profile: \(problem); programs there would run in every later shell"
            }
        }
        return nil
    }

    static func profileFile(_ shell: Shell, home: String) -> String {
        home + "/" + shell.profileFileName
    }

    /// How many links a profile path is followed through (a loop ends there: the last path is written).
    static let linkHopsMax = 16

    /// The file a profile path names once its symbolic links are followed: a `~/.bashrc` that links into a
    /// dotfiles repository is edited there, as `pipx ensurepath` and rustup do, and stays a link (written in its
    /// place, the link became a file the dotfiles no longer reached; reproduce7 finding 6).
    static func followingLinks(_ path: String, in fileSystem: any FileSystem) -> String {
        var current = path
        for _ in 0..<linkHopsMax {
            guard let entry = fileSystem.entry(at: current), entry.kind == .symbolicLink, let target = entry.linkTarget else { return current }
            current = target.hasPrefix("/") ? target : String(current[..<(current.lastIndex(of: "/") ?? current.startIndex)]) + "/" + target
        }
        return current
    }

    static func lines(_ p: ShellConfigParameters) -> [String] {
        let environment = p.environment.sorted { $0.key < $1.key }
        switch p.shell {
        case .fish:
            return p.pathEntries.map { "fish_add_path \($0)" } + environment.map { "set -gx \($0.key) \($0.value)" }
        case .bash, .zsh, .sh:
            return p.pathEntries.map { "export PATH=\"\(homeRelative($0)):$PATH\"" } + environment.map { "export \($0.key)=\"\($0.value)\"" }
        }
    }

    /// `~/x` as `$HOME/x`: inside double quotes the shell does not expand `~`, and a literal `~` on PATH
    /// is found only by bash's own lookup, never by `sh`, `env` or execvp.
    static func homeRelative(_ entry: String) -> String {
        if entry == "~" { return "$HOME" }
        return entry.hasPrefix("~/") ? "$HOME" + entry.dropFirst() : entry
    }
}

/// The marker lines around one plan's lines in a shell profile (`# >>> evlog p-1a2b… >>>` … `# <<< evlog p-1a2b… <<<`).
struct ShellBlock {
    let name: String
    var begin: String { "# >>> \(name) >>> (added by evlog; its rollback removes this block)" }
    var end: String { "# <<< \(name) <<<" }

    init(planID: PlanID?) { name = "evlog " + (planID?.rawValue ?? "plan") }

    /// `text` without this block (marker lines included), or nil when it has none.
    func removing(from text: String) -> String? {
        var lines = ByteText.lines(text)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("# >>> \(name) >>>") }),
            let last = lines[first...].firstIndex(of: end)
        else { return nil }
        lines.removeSubrange(first...last)
        return lines.joined(separator: "\n")
    }

    /// `text` (already without this block) with the block holding `lines` appended.
    func replacing(in text: String, with lines: [String]) -> String {
        return text + (ByteText.endsLine(text) ? "" : "\n") + ([begin] + lines + [end]).joined(separator: "\n") + "\n"
    }
}
