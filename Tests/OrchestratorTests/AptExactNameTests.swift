import InstallModel
import Testing

@testable import Orchestrator

/// apt-get reads a name holding `.` or `+` as a regular expression when no package has exactly that name
/// (trust13 #13: `jq.` selected 885 packages): a command naming such a package makes apt read names only as names;
/// a command naming none is as it always was, so its logs reproduce. Names come from a seed.
struct AptExactNameTests {
    static func name(_ generator: inout SplitMix64, patterned: Bool) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789-")
        var name = String(letters[Int(generator.next() % 26)])
        for _ in 0..<Int(1 + generator.next() % 10) { name.append(letters[Int(generator.next() % UInt64(letters.count))]) }
        if patterned { name.insert([".", "+"][Int(generator.next() % 2)], at: name.index(name.startIndex, offsetBy: Int(generator.next() % UInt64(name.count)) + 0)) }
        if generator.next() % 4 == 0 { name += "=1.\(generator.next() % 9)-1" }
        return name
    }

    @Test func installAndReinstallOfAPatternedNameReadNamesOnly() {
        var generator = SplitMix64(seed: 13)
        for _ in 0..<300 {
            let patterned = generator.next() % 2 == 0
            let names = (0..<Int(1 + generator.next() % 3)).map { index in Self.name(&generator, patterned: patterned && index == 0) }
            for argv in [PackageManagerCommands.install(.apt, names), PackageManagerCommands.reinstall(.apt, names)] {
                let exactOnly = argv.indices.contains { argv[$0...].starts(with: AptNameMatching.exactOnly) }
                #expect(exactOnly == patterned, "\(argv)")
            }
        }
    }
}
