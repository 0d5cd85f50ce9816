import EvlogKit
import ArgumentParser
import Catalog
import Foundation
import InstallModel

/// `evlog profile`: the facts about a system that decide how tools get installed on it.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Show this machine's system profile (OS, arch, package managers, root, PEP 668 and more).",
        discussion: """
            Examples:
              evlog profile                       this machine
              evlog profile --json > me.json      save it; plan with `evlog plan git --profile me.json`
              evlog profile --profile alpine      a named profile
              evlog profile --list                the named profiles
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "Show a named profile or a profile file instead of this machine.")
    var profile: String?

    @Flag(name: .long, help: "List the named profiles and exit.")
    var list = false

    func run() throws {
        if list {
            for named in NamedProfiles.all {
                let version = named.distribution + " " + named.version + (named.codename.map { " (\($0))" } ?? "")
                print(named.name.padding(toLength: 18, withPad: " ", startingAt: 0) + version)
            }
            return
        }
        let target: SystemProfile
        if let profile {
            target = try CatalogCLI.loadProfile(profile)
        } else {
            target = ProfileDetector.detect()
        }
        if global.json {
            FileHandle.standardOutput.write(Data((try JSONText.encode(target) + "\n").utf8))
        } else {
            print(ProfileText.render(target), terminator: "")
        }
    }
}
