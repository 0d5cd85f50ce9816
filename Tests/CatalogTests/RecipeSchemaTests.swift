import Catalog
import Testing

/// Loads one recipe text and returns the error it fails with.
private func loadError(_ text: String, repos: String? = nil) -> CatalogError? {
    do {
        _ = try Catalog(recipeFiles: [("recipes/broken.yaml", text)], repositoryFile: repos.map { ("repos.yaml", $0) })
        return nil
    } catch {
        return error
    }
}

private let validRecipe = """
    tool-a:
      description: A tool
      binary: a
      verify: {pattern: 'a \\\\d+'}
      methods:
        - packages: {apt: tool-a}

    """

@Test func validRecipeLoads() {
    #expect(loadError(validRecipe) == nil)
}

@Test func unknownKeyReportsFileAndLine() {
    let text = validRecipe + """
        tool-b:
          description: B
          binary: b
          verfiy: {pattern: b}
          methods:
            - packages: {apt: tool-b}
        """
    guard case .invalidData(let file, let line, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(file == "recipes/broken.yaml")
    #expect(line == 10)
    #expect(message.contains("unknown key 'verfiy'"))
}

@Test func badPackageManagerReportsItsLine() {
    let text = """
        tool-c:
          description: C
          binary: c
          verify: {pattern: c}
          methods:
            - packages:
                apt: tool-c
                aptitude: c
        """
    guard case .invalidData(_, let line, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(line == 8)
    #expect(message.contains("'aptitude' is not a package manager"))
}

@Test func badRegexIsRejected() {
    let text = """
        tool-d:
          description: D
          binary: d
          verify: {pattern: 'd (\\d+'}
          methods:
            - packages: {apt: tool-d}
        """
    guard case .invalidData(_, let line, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(line == 4)
    #expect(message.contains("not a valid regular expression"))
}

@Test func missingRequiredFieldIsNamed() {
    let text = """
        tool-e:
          description: E
          verify: {pattern: e}
          methods:
            - packages: {apt: tool-e}
        """
    guard case .invalidData(_, let line, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(line == 2)
    #expect(message.contains("missing required key 'binary'"))
}

@Test func yamlSyntaxErrorKeepsItsLine() {
    let text = validRecipe + """
        tool-f:
          description: [unclosed
          binary: f
        """
    guard case .invalidData(let file, let line, _) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(file == "recipes/broken.yaml")
    #expect(line != nil && line! >= 8)
}

@Test func releaseAssetWithoutChecksumMustSayUnpinned() {
    let text = """
        tool-g:
          description: G
          binary: g
          verify: {pattern: g}
          methods:
            - release:
                repo: o/g
                version: "1.0"
                path: g
                assets:
                  linux-x86_64: "https://example.org/g-1.0"
        """
    guard case .invalidData(_, let line, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(line == 11)
    #expect(message.contains("checksum: unpinned"))
}

@Test func scriptWithoutChecksumMustSayUnpinned() {
    let text = """
        tool-h:
          description: H
          binary: h
          verify: {pattern: h}
          methods:
            - script: {url: "https://example.org/install.sh"}
        """
    guard case .invalidData(_, _, let message) = loadError(text) else {
        Issue.record("expected invalidData")
        return
    }
    #expect(message.contains("sha256"))
}

@Test func unknownRepositoryAndViaTargetsAreCaught() {
    let repo = """
        tool-i:
          description: I
          binary: i
          verify: {pattern: i}
          methods:
            - packages: {apt: {name: tool-i, repo: nowhere}}
        """
    #expect(loadError(repo)?.description.contains("repo 'nowhere'") == true)
    let via = """
        tool-j:
          description: J
          binary: j
          verify: {pattern: j}
          methods:
            - via: nothing
        """
    #expect(loadError(via)?.description.contains("names no other recipe") == true)
}

@Test func duplicateToolAcrossFilesIsReported() {
    do {
        _ = try Catalog(recipeFiles: [("recipes/one.yaml", validRecipe), ("recipes/two.yaml", validRecipe)])
        Issue.record("expected a duplicate error")
    } catch {
        #expect(error.description.hasPrefix("recipes/two.yaml:1"))
        #expect(error.description.contains("already defined at recipes/one.yaml:1"))
    }
}
