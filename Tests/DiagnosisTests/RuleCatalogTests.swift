import Diagnosis
import InstallModel
import Testing

@Suite struct RuleCatalogTests {
    @Test func theBundledCatalogIsLargeAndCoversTheKinds() throws {
        let catalog = try TestSupport.catalog()
        #expect(catalog.rules.count >= 100)
        let kinds = Set(catalog.rules.map(\.kind))
        #expect(kinds.count >= 20)
        for layer in RuleLayer.allCases { #expect(catalog.rules.contains { $0.layer == layer }, "\(layer)") }
        #expect(catalog.templates.count >= 40)
    }

    @Test func everyPatternHasANeedleAndEveryRuleARemediationOrDefault() throws {
        let catalog = try TestSupport.catalog()
        for rule in catalog.rules {
            for pattern in rule.patterns { #expect(!pattern.needles.isEmpty, "\(rule.id)") }
            if rule.kind != .interrupted {
                #expect(!rule.remediationIDs.isEmpty || catalog.kindDefaults[rule.kind] != nil, "\(rule.id)")
            }
        }
    }

    private func load(_ text: String, path: String = "rules/broken.yaml") throws(RuleCatalogError) -> RuleCatalog {
        try RuleCatalog(files: [
            .init(path: path, text: text),
            .init(path: "remediations/x.yaml", text: "remediations:\n  - {id: fix, strategy: retry, summary: Retry}\n"),
        ])
    }

    @Test func aMalformedRuleFileFailsWithFileAndLine() {
        let badKind = """
            family: demo
            layer: method_family
            rules:
              - id: demo-rule
                kind: no-such-kind
                patterns: ['boom happened']
                confidence: 0.9
            """
        #expect {
            try load(badKind)
        } throws: { error in
            guard let error = error as? RuleCatalogError else { return false }
            return error.file == "rules/broken.yaml" && error.line == 5 && error.description.hasPrefix("rules/broken.yaml:5:")
        }
    }

    @Test func schemaErrorsNameTheProblem() {
        let cases: [(String, Int, String)] = [
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    patterns: ['(unclosed']\n    confidence: 0.9\n", 6, "not a valid regular expression"),
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    patterns: ['.*']\n    confidence: 0.9\n", 6, "needles"),
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    patterns: ['disk full']\n    confidence: 1.5\n", 7, "between 0 and 1"),
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    patterns: ['disk full']\n    confidence: 0.9\n    remediations: [nope]\n", 4, "nope"),
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    colour: red\n    confidence: 0.9\n", 6, "unknown key 'colour'"),
            ("family: d\nlayer: method_family\nrules:\n  - id: r\n    kind: disk-full\n    patterns: [\n", 7, "not valid YAML"),
        ]
        for (text, line, fragment) in cases {
            #expect {
                try load(text)
            } throws: { error in
                guard let error = error as? RuleCatalogError else { return false }
                return error.line == line && error.message.contains(fragment)
            }
        }
    }

    @Test func needlesAreDerivedFromTheLiteralPartsOfARegex() throws {
        let catalog = try TestSupport.catalog()
        let rule = try #require(catalog.rule(id: "apt-unable-to-locate"))
        #expect(rule.patterns.first?.needles == ["e: unable to locate package "])
        let curl = try #require(catalog.rule(id: "curl-timeout"))
        #expect(curl.patterns.first?.needles == ["curl: (28) "])
    }
}
