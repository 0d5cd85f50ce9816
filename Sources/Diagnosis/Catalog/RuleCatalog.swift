import Foundation
import InstallModel

/// Every diagnosis rule and remediation template, validated and indexed for one-pass line scanning.
public struct RuleCatalog: Sendable {
    public let rules: [DiagnosisRule]
    public let templates: [String: RemediationTemplate]
    /// Remediations offered for a kind when the rule that decided it is not in this catalog (an older log).
    public let kindDefaults: [FailureKind: [String]]
    public let devPackages: DevPackageMap
    let keywordScanner: KeywordScanner
    /// For each keyword id below `errorKeywordBase`: the (rule index, pattern index) pairs it unlocks.
    let keywordPatterns: [[PatternRef]]
    /// Keyword ids from here on are the error-looking words of `LineClassifier`.
    let errorKeywordBase: Int
    /// Every program a rule is about or a package manager runs as: a command starting with one names its tool.
    public let knownTools: Set<String>

    struct PatternRef: Hashable, Sendable {
        let rule: Int
        let pattern: Int
    }

    /// A catalog file: its path relative to the catalog root and its text.
    public struct SourceFile: Sendable {
        public var path: String
        public var text: String
        public init(path: String, text: String) {
            self.path = path
            self.text = text
        }
    }

    /// Builds a catalog from files (`rules/*.yaml`, `remediations/*.yaml`, `dev-packages.yaml`,
    /// `message-translations.json`).
    public init(files: [SourceFile]) throws(RuleCatalogError) {
        var rules: [DiagnosisRule] = []
        var templates: [String: RemediationTemplate] = [:]
        var kindDefaults: [FailureKind: [String]] = [:]
        var references: [(rule: DiagnosisRule, ids: [String])] = []
        var defaultNodes: [(YAMLNode, [String])] = []
        var devPackages = DevPackageMap.empty
        var ruleLocations: [String: String] = [:]
        var translations = MessageTranslations.empty
        for file in files where file.path.hasSuffix(MessageTranslations.fileName) {
            translations = try MessageTranslations.parse(file.text, file: file.path)
        }
        for file in files where !file.path.hasSuffix(MessageTranslations.fileName) {
            if file.path.hasSuffix("dev-packages.yaml") {
                devPackages = try DevPackageMap.parse(try YAMLNode.parse(file.text, file: file.path))
                continue
            }
            let contents = try RuleFileParser(file: file.path, translations: translations).parse(file.text)
            for rule in contents.rules {
                if let previous = ruleLocations[rule.id] {
                    throw RuleCatalogError(
                        file: file.path, line: RuleCatalog.line(of: rule.location),
                        message: "rule id '\(rule.id)' is already defined at \(previous)")
                }
                ruleLocations[rule.id] = rule.location
                rules.append(rule)
                references.append((rule, rule.remediationIDs))
            }
            for template in contents.templates {
                if let previous = templates[template.id] {
                    throw RuleCatalogError(
                        file: file.path, line: RuleCatalog.line(of: template.location),
                        message: "remediation id '\(template.id)' is already defined at \(previous.location)")
                }
                templates[template.id] = template
            }
            for (kind, ids, node) in contents.kindDefaults {
                kindDefaults[kind, default: []].append(contentsOf: ids)
                defaultNodes.append((node, ids))
            }
        }
        for (rule, ids) in references {
            for id in ids where templates[id] == nil {
                let parts = rule.location.split(separator: ":")
                throw RuleCatalogError(
                    file: parts.dropLast().joined(separator: ":"), line: RuleCatalog.line(of: rule.location),
                    message: "rule '\(rule.id)' names remediation '\(id)', which no remediations file defines")
            }
        }
        for (node, ids) in defaultNodes {
            for id in ids where templates[id] == nil {
                throw node.error("kind_defaults names remediation '\(id)', which no remediations file defines")
            }
        }
        self.rules = rules
        self.templates = templates
        self.kindDefaults = kindDefaults
        self.devPackages = devPackages
        knownTools = rules.reduce(into: Set(AnalysisContext.managerByProgram.keys)) { $0.formUnion($1.applicability.commands) }
        var keywords: [String] = []
        var keywordPatterns: [[PatternRef]] = []
        var idByKeyword: [String: Int] = [:]
        for (ruleIndex, rule) in rules.enumerated() {
            for (patternIndex, pattern) in rule.patterns.enumerated() {
                for needle in pattern.needles {
                    let id: Int
                    if let existing = idByKeyword[needle] {
                        id = existing
                    } else {
                        id = keywords.count
                        idByKeyword[needle] = id
                        keywords.append(needle)
                        keywordPatterns.append([])
                    }
                    let ref = PatternRef(rule: ruleIndex, pattern: patternIndex)
                    if !keywordPatterns[id].contains(ref) { keywordPatterns[id].append(ref) }
                }
            }
        }
        errorKeywordBase = keywords.count
        keywords.append(contentsOf: LineClassifier.errorKeywords)
        keywordScanner = KeywordScanner(keywords: keywords)
        self.keywordPatterns = keywordPatterns
    }

    private static func line(of location: String) -> Int? {
        location.split(separator: ":").last.flatMap { Int($0) }
    }

    public func rule(id: String) -> DiagnosisRule? { rules.first { $0.id == id } }

    /// The catalog shipped in this target's resources.
    public static func bundled() throws(RuleCatalogError) -> RuleCatalog { try bundledResult.get() }

    private static let bundledResult: Result<RuleCatalog, RuleCatalogError> = {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            return .failure(RuleCatalogError(file: "Resources", line: nil, message: "the rule catalog is missing from the bundle"))
        }
        return Result { () throws(RuleCatalogError) in try RuleCatalog(directory: root.path) }
    }()

    /// Loads every `*.yaml` under `rules/` and `remediations/`, plus `dev-packages.yaml` and the message
    /// translations, in name order.
    public init(directory: String) throws(RuleCatalogError) {
        var files: [SourceFile] = []
        let manager = FileManager.default
        for sub in ["rules", "remediations"] {
            let folder = directory + "/" + sub
            guard let names = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".yaml") {
                files.append(SourceFile(path: sub + "/" + name, text: try RuleCatalog.read(folder + "/" + name, as: sub + "/" + name)))
            }
        }
        for name in ["dev-packages.yaml", MessageTranslations.fileName] where manager.fileExists(atPath: directory + "/" + name) {
            files.append(SourceFile(path: name, text: try RuleCatalog.read(directory + "/" + name, as: name)))
        }
        try self.init(files: files)
    }

    private static func read(_ path: String, as name: String) throws(RuleCatalogError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleCatalogError(file: name, line: nil, message: "cannot read \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
