import Catalog
import InstallModel
import Testing

/// truth12 F11: a version line after a warning is read. terraform with a broken CLI configuration prints its warning
/// first, and its anchored pattern (`^Terraform v…`) matched only at the start of the output, so the installed
/// 1.11.4 was "version unknown" and `terraform@1.11.4` planned to download it again.
struct WarningBeforeVersionTests {
    static let warningWords = ["Warning:", "There", "are", "some", "problems", "with", "the", "CLI", "configuration", "DeprecationWarning", "—", "x"]

    /// Generated warnings (0–5 lines of random words, blank lines among them) before each anchored recipe pattern's
    /// own version line: the line found is the version line, whatever came before it.
    @Test(arguments: 0..<12)
    func theVersionLineIsFoundAfterAnyWarning(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let warning = (0..<Int(generator.next() % 6)).map { _ in
            (0..<Int(generator.next() % 8)).map { _ in Self.warningWords[Int(generator.next() % UInt64(Self.warningWords.count))] }.joined(separator: " ")
        }
        for (pattern, line) in [("^Terraform v\\d+\\.\\d+", "Terraform v1.11.4"), ("^ansible \\[core \\d+\\.\\d+", "ansible [core 2.14.18]")] {
            let output = (warning + [line, "on linux_amd64"]).joined(separator: "\n")
            #expect(InstalledVersion.line(in: output, pattern: pattern) == line, "\(output)")
        }
    }

    /// terraform's own recipe, as shipped.
    @Test func terraformsRecipeReadsItsVersionAfterItsWarning() throws {
        let recipe = try #require(TestSupport.catalog.recipe(named: "terraform"))
        let output = "There are some problems with the CLI configuration:\n\nError: … /root/.terraformrc\n\nTerraform v1.11.4\non linux_amd64\n"
        #expect(InstalledVersion.line(in: output, pattern: recipe.verify.pattern) == "Terraform v1.11.4")
    }
}
