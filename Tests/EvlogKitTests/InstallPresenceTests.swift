import Catalog
import EvlogKit
import InstallModel
import Testing

/// Whether a recorded install is still here is asked where its own manager looks (truth11 F8, F11): every
/// combination of what the machine holds is generated, and the answer must follow exactly that part.
struct InstallPresenceTests {
    static let home = "/home/u"

    /// A machine holding `venvs` (pipx venv names under the current default home), `files` and the dpkg packages
    /// `installed`, with dpkg-query and cargo (listing `crates`) on PATH.
    static func machine(venvs: [String] = [], files: [String] = [], installed: [String] = [], crates: [String] = []) -> InstallPresence {
        var outputs = ["/usr/bin/cargo install --list": crates.map { "\($0) v1.0.0:\n    \($0)" }.joined(separator: "\n")]
        for package in installed { outputs["/usr/bin/dpkg-query -W -f=${Status} \(package)"] = "install ok installed" }
        var directories: [String: [String]] = [:]
        for venv in venvs { directories[home + "/.local/share/pipx/venvs/" + venv] = [] }
        let probe = FixtureSystemProbe(
            files: Dictionary(uniqueKeysWithValues: files.map { ($0, "") }), directories: directories,
            executables: ["dpkg-query", "cargo"], commandOutputs: outputs)
        return InstallPresence(probe: probe, home: home, environment: [:])
    }

    @Test(arguments: [true, false])
    func aPipxInstallIsHereExactlyWhenItsVenvIs(venvThere: Bool) {
        for written in ["ruff", "Huggingface_Hub", "yamllint==1.33.*", "black[d]"] {
            let venv = PipxVenvNameSpelling.asPipxMakesIt(written)
            let presence = Self.machine(venvs: venvThere ? [venv] : ["other"], files: [Self.home + "/.local/bin/" + venv])
            #expect(presence.of(.language(.pipx, written)) == (venvThere ? .present : .gone), "\(written)")
        }
    }

    /// Every subset of an install's packages left installed: gone only when none is.
    @Test func anAptInstallKeepsExactlyThePackagesStillInstalled() {
        let packages = ["jq", "libjq1", "libonig5"]
        for mask in 0..<(1 << packages.count) {
            let still = packages.indices.filter { mask & (1 << $0) != 0 }.map { packages[$0] }
            let presence = Self.machine(installed: still)
            #expect(presence.of(.packages(.apt, packages)) == (still.isEmpty ? .gone : .present), "\(still)")
        }
    }

    @Test(arguments: [true, false])
    func cargoAndPlacedFilesAnswerFromTheirOwnRecords(there: Bool) {
        let presence = Self.machine(files: there ? [Self.home + "/.local/bin/k9s", Self.home + "/go/bin/tool"] : [], crates: there ? ["ripgrep"] : ["fd-find"])
        let expected: InstallPresence.Answer = there ? .present : .gone
        #expect(presence.of(.language(.cargo, "ripgrep")) == expected)
        #expect(presence.of(.file("~/.local/bin/k9s")) == expected)
        #expect(presence.of(.language(.go, "example.com/tool/v2")) == expected)
    }

    /// A manager evlog cannot ask is no answer: never "gone", so nothing is left out on a guess.
    @Test func noManagerToAskIsUnknown() {
        let presence = InstallPresence(probe: FixtureSystemProbe(), home: Self.home, environment: [:])
        #expect(presence.of(.packages(.apt, ["jq"])) == .unknown)
        #expect(presence.of(.language(.cargo, "ripgrep")) == .unknown)
        #expect(presence.of(.language(.gem, "rails")) == .unknown)
    }
}

/// The venv name pipx makes for a request, written out for the tests (lowercase, `_` as `-`, no version or extras).
enum PipxVenvNameSpelling {
    static func asPipxMakesIt(_ request: String) -> String {
        let bare = request.prefix { !"=<>![~;@".contains($0) }
        return bare.lowercased().replacingOccurrences(of: "_", with: "-")
    }
}
