import Foundation
import InstallModel
import Yams

/// The systems evlog can plan for without being on them (`--profile ubuntu-server`), from `profiles.yaml`.
public enum NamedProfiles {
    /// All named profiles in file order; empty only if the bundled data is broken (a test guards it).
    public static let all: [SystemProfile] = (try? load()) ?? []

    /// The profile called `name`, if there is one.
    public static func named(_ name: String) -> SystemProfile? { all.first { $0.name == name } }

    public static var names: [String] { all.map(\.name) }

    /// Reads the bundled `profiles.yaml`.
    public static func load() throws(CatalogError) -> [SystemProfile] {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw .resourcesMissing(path: Bundle.module.bundlePath + "/Resources")
        }
        let path = url.path + "/profiles.yaml"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .resourcesMissing(path: path)
        }
        return try ProfileFile.decodeList(text, file: "profiles.yaml")
    }
}

/// Decodes profiles from YAML or JSON text in the shape `evlog profile --json` prints.
enum ProfileFile {
    static func decodeList(_ text: String, file: String) throws(CatalogError) -> [SystemProfile] {
        do {
            return try YAMLDecoder().decode([SystemProfile].self, from: text)
        } catch {
            throw .invalidData(file: file, line: nil, message: "not a list of profiles: \(describe(error))")
        }
    }

    /// JSON is valid YAML, so one decoder reads both.
    /// A profile file is checked where it is read: its words fill source lines and URLs (`ProfileValueGrammar`).
    static func decode(_ text: String, file: String) throws(CatalogError) -> SystemProfile {
        let profile: SystemProfile
        do {
            profile = try YAMLDecoder().decode(SystemProfile.self, from: text)
        } catch {
            throw .invalidData(file: file, line: nil, message: "not a system profile: \(describe(error))")
        }
        if let problem = ProfileValueGrammar.problem(with: profile) { throw .invalidData(file: file, line: nil, message: problem) }
        return profile
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
        default: "\(error)"
        }
    }
}

extension SystemProfile {
    /// A named profile, or a YAML/JSON profile file at `nameOrPath`.
    public static func load(nameOrPath: String) throws(CatalogError) -> SystemProfile {
        if let named = NamedProfiles.named(nameOrPath) { return named }
        guard let data = FileManager.default.contents(atPath: nameOrPath) else {
            throw .profileNotFound(nameOrPath, known: NamedProfiles.names)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidData(file: nameOrPath, line: nil, message: "not UTF-8 text")
        }
        return try ProfileFile.decode(text, file: nameOrPath)
    }
}
