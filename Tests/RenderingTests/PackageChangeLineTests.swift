import InstallModel
import Rendering
import Testing

/// The line a step's package-set change draws says what it added, and "nothing" when it added none (a pipx venv
/// or an apt package that was here before), never an empty list ("apt added ;", truth10 F13).
struct PackageChangeLineTests {
    static func line(_ change: PackageSetChange) -> String {
        let renderer = LineRenderer(style: TextStyle(colored: false))
        let event = Event(sequence: 1, time: Timestamp(microseconds: 0), body: .packageSetChanged(step: "apt-packages", change: change))
        return String(decoding: renderer.render(event), as: UTF8.self)
    }

    @Test func anEmptyAdditionSaysNothing() {
        let upgradedOnly = Self.line(PackageSetChange(manager: .apt, added: [], upgraded: [PackageUpgrade(package: "jq", from: "1.6-2.1", to: "1.6-2.1+deb12u3")]))
        #expect(upgradedOnly.contains("apt added nothing; upgraded jq") && !upgradedOnly.contains("added ;"), "\(upgradedOnly)")
        #expect(Self.line(PackageSetChange(manager: .pipx, added: [])).contains("pipx added nothing"))
        #expect(Self.line(PackageSetChange(manager: .apt, added: ["tree"])).contains("apt added tree"))
    }
}
