import Catalog
import Foundation
import InstallModel
import Testing

/// `--link-names` puts a recipe's usual command name in ~/.local/bin, first in PATH: a name the system's program has
/// (`ls`, `cp`) is never linked, whatever program the package entry names (trust19 #5: `ls` linked to `rm`); a name
/// the system lacks is linked as before.
struct LinkNameShadowTests {
    private static func plan(usual: String, installed: String) throws -> Plan {
        let recipe = """
            acme-t:
              description: x
              binary: \(usual)
              verify: {pattern: "^x"}
              methods:
                - packages: {apt: {name: coreutils, binary: \(installed)}}

            """
        let catalog = try Catalog(recipeFiles: [("recipes/t.yaml", recipe)])
        var options = ResolveOptions(linkRenamedBinaries: true)
        options.method = "apt"
        return try Resolver(catalog: catalog).resolve(
            tools: ["acme-t"], profile: TestSupport.profile("debian-container"), planID: PlanID("p-link"), options: options)
    }

    @Test(arguments: ["ls", "cp", "cat", "mv", "zqlinkname"])
    func aSystemProgramsNameIsNeverLinked(usual: String) throws {
        let system = ["/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/"].first { FileManager.default.fileExists(atPath: $0 + usual) }
        let plan = try Self.plan(usual: usual, installed: "rm")
        let link = plan.steps.first { $0.id.rawValue.hasPrefix("link-") }
        #expect(plan.steps.contains { $0.id.rawValue.hasPrefix("apt") }, "the package is installed either way: \(plan.steps.map(\.id))")
        if let system {
            #expect(link == nil, "\(usual) linked to rm")
            #expect(plan.notes.contains { $0.contains("not linking ~/.local/bin/\(usual)") && $0.contains(system + usual) }, "\(plan.notes)")
        } else {
            #expect(link != nil, "\(usual) is no system program and is linked on request")
        }
    }
}
