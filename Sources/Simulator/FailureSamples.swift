import Foundation
import InstallModel

/// The labelled failure outputs under `Fixtures/failures` (captured, or copied from a tool's documentation),
/// which `--fault STEP=fail:KIND` plays so the real diagnosis rules meet a real output of that kind.
public struct FailureSamples: Sendable {
    /// One `<name>.out` with the fields of its `<name>.yaml` sidecar that a fault needs.
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var kind: FailureKind
        public var exitCode: Int32
        public var stepKind: StepKind?
        public var manager: PackageManager?
        public var output: String
    }

    public var samples: [Sample]

    public init(samples: [Sample]) { self.samples = samples }

    /// Loads every sidecar in `directory` whose kind and output can be read (names in order).
    public static func load(directory: String) -> FailureSamples {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return FailureSamples(samples: names.compactMap { file in
            let name = String(file.dropLast(".yaml".count))
            guard let sidecar = try? String(contentsOfFile: directory + "/" + file, encoding: .utf8),
                let output = try? String(contentsOfFile: directory + "/" + name + ".out", encoding: .utf8)
            else { return nil }
            let fields = sidecarFields(sidecar)
            guard let kind = fields["kind"].flatMap(FailureKind.init(rawValue:)) else { return nil }
            return Sample(
                name: name, kind: kind, exitCode: fields["exit_code"].flatMap { Int32($0) } ?? 1,
                stepKind: fields["step_kind"].flatMap(StepKind.init(rawValue:)),
                manager: fields["package_manager"].flatMap(PackageManager.init(rawValue:)), output: output)
        })
    }

    /// Finds `Fixtures/failures` where the simulator finds its fixture sets; empty when there is none.
    public static func locate(executablePath: String, workingDirectory: String, environment: [String: String]) -> FailureSamples {
        let roots = FixtureRoots.directories(named: "failures", executablePath: executablePath, workingDirectory: workingDirectory, environment: environment)
        guard let found = roots.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return FailureSamples(samples: []) }
        return load(directory: found)
    }

    /// Samples of `kind`, those from the same kind of step and package manager first.
    public func candidates(of kind: FailureKind, for step: Step) -> [Sample] {
        let manager: PackageManager? = if case .packages(let p) = step.action { p.manager } else { nil }
        return samples.filter { $0.kind == kind }.enumerated().sorted { a, b in
            let aScore = (a.element.stepKind == step.kind ? 0 : 2) + (a.element.manager == manager ? 0 : 1)
            let bScore = (b.element.stepKind == step.kind ? 0 : 2) + (b.element.manager == manager ? 0 : 1)
            return (aScore, a.offset) < (bScore, b.offset)
        }.map(\.element)
    }

    /// Sidecars are flat `key: value` lines, values optionally single-quoted.
    private static func sidecarFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] = value
        }
        return fields
    }
}
