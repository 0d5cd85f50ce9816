import InstallModel

/// Everything that can go wrong loading the catalog, finding a profile, or resolving a plan.
///
/// Each case carries its evidence (file and line, the tool, what is missing) and its `description`
/// says what to do next.
public enum CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A recipe or profile file is not valid YAML, or breaks the schema (`Docs/CATALOG.md`).
    case invalidData(file: String, line: Int?, message: String)
    /// The bundled resources could not be found next to the binary.
    case resourcesMissing(path: String)
    /// No recipe has this name or alias.
    case unknownTool(String, suggestions: [String])
    /// No install method of the tool works on this profile; `reasons` gives one line per method.
    case unavailable(tool: String, profile: String, reasons: [String])
    /// Tools needing each other (a recipe bug): `chain` ends with the tool seen twice.
    case dependencyCycle(chain: [String])
    /// Dependencies nest deeper than `Resolver.dependencyDepthMax`.
    case dependencyTooDeep(chain: [String], depthMax: Int)
    /// `--profile` is neither a named profile nor a readable file.
    case profileNotFound(String, known: [String])
    /// The resolver produced steps that are not a valid DAG (a resolver bug).
    case invalidPlan(PlanValidationError)
    /// `tool@version` whose version is not a version (`jq@latest`, `jq@`).
    case badVersionRequest(String)
    /// A version was asked for a tool whose command prints another component's version (`VerifySpec.reports`).
    case versionNotCheckable(tool: String, request: String, reports: String)

    public var description: String {
        switch self {
        case .invalidData(let file, let line, let message):
            let place = line.map { "\(file):\($0)" } ?? file
            return "\(place): \(message)"
        case .resourcesMissing(let path):
            return "catalog resources not found at \(path); reinstall evlog or run it from its build directory"
        case .unknownTool(let name, let suggestions):
            let hint = suggestions.isEmpty
                ? "run `evlog plan --list` to see the tools evlog knows"
                : "did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            return "unknown tool '\(name)': \(hint)"
        case .unavailable(let tool, let profile, let reasons):
            let why = reasons.isEmpty ? "no install method" : reasons.joined(separator: "; ")
            return "\(tool): not available on \(profile): \(why)"
        case .dependencyCycle(let chain):
            return "recipes depend on each other: \(chain.joined(separator: " → ")); fix the recipes' methods"
        case .dependencyTooDeep(let chain, let depthMax):
            return "dependencies nest deeper than \(depthMax): \(chain.joined(separator: " → "))"
        case .profileNotFound(let name, let known):
            return "no profile '\(name)': give a file (YAML or JSON, as printed by `evlog profile --json`) "
                + "or one of: \(known.joined(separator: ", "))"
        case .invalidPlan(let error):
            return "the resolver built an invalid plan (\(error)); please report this bug"
        case .badVersionRequest(let argument):
            return "'\(argument)': after '@' give a version like 1.7 or 14.1.0 (e.g. jq@1.7)"
        case .versionNotCheckable(let tool, let request, let reports):
            return "'\(tool)@\(request)': \(tool)'s command prints the version of \(reports), not of \(tool), so evlog could not "
                + "check which \(tool) it installed; install \(tool) without a version (or pin it with its package manager)"
        }
    }
}
