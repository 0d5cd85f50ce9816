import Diagnosis
import Foundation
import InstallModel
import Testing

/// One labelled output under Fixtures/failures: `<name>.out` plus its `<name>.yaml` sidecar.
struct FailureFixture: Sendable, CustomTestStringConvertible {
    struct Label: Sendable {
        var kind: String
        var command: String
        var exit_code: Int32?
        var package_manager: String?
        var step_kind: String?
        var source: String
        var reference: String?
        var timed_out: Bool?
        var interrupted: Bool?
    }

    var name: String
    var label: Label
    var output: [UInt8]

    var testDescription: String { name }

    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/failures")

    static let all: [FailureFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap { file in
            let name = String(file.dropLast(5))
            guard let sidecar = FileManager.default.contents(atPath: directory.appendingPathComponent(file).path),
                let output = FileManager.default.contents(atPath: directory.appendingPathComponent(name + ".out").path),
                let label = Label(sidecar: String(decoding: sidecar, as: UTF8.self))
            else { return nil }
            return FailureFixture(name: name, label: label, output: [UInt8](output))
        }
    }()

    /// One fixture in `heldOutShare` is held out: rules are never tuned against it, it only measures how
    /// well they generalize. Which ones is a stable hash of the name, rotated by `heldOutRotation`; rotate it
    /// (0 … heldOutShare - 1) after a round of rule work, so every fixture is held out in turn.
    static let heldOutShare: UInt64 = 5
    static let heldOutRotation: UInt64 = 1

    var isHeldOut: Bool {
        // FNV-1a: the same split on every platform and run.
        let hash = name.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return hash % FailureFixture.heldOutShare == FailureFixture.heldOutRotation
    }

    /// The fixtures rules may be tuned against: each must be diagnosed as labelled.
    static let tuning: [FailureFixture] = all.filter { !$0.isHeldOut }
    static let heldOut: [FailureFixture] = all.filter(\.isHeldOut)

    static var sidecarCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".yaml") }.count
    }

    var context: AnalysisContext {
        AnalysisContext(
            stepKind: label.step_kind.flatMap(StepKind.init(rawValue:)), command: [label.command],
            packageManager: label.package_manager.flatMap(PackageManager.init(rawValue:)))
    }

    func diagnose(catalog: RuleCatalog) -> Diagnosis {
        Analyser.analyse(
            output: output, exitCode: label.exit_code, context: context, catalog: catalog,
            timedOut: label.timed_out ?? false, interrupted: label.interrupted ?? false)
    }
}

extension FailureFixture.Label {
    /// Sidecars are flat `key: value` lines (values optionally single-quoted), so no YAML library is needed here.
    init?(sidecar: String) {
        var fields: [String: String] = [:]
        for line in sidecar.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("'"), value.hasSuffix("'"), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
            }
            fields[key] = value
        }
        guard let kind = fields["kind"], let command = fields["command"], let source = fields["source"] else { return nil }
        self.init(
            kind: kind, command: command, exit_code: fields["exit_code"].flatMap { Int32($0) },
            package_manager: fields["package_manager"], step_kind: fields["step_kind"], source: source,
            reference: fields["reference"], timed_out: fields["timed_out"] == "true",
            interrupted: fields["interrupted"] == "true")
    }
}
