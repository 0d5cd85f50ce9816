import Foundation
import InstallModel
import Testing

@testable import Diagnosis

/// Every translation the bundled catalog holds for a message a rule keys on, formatted the way the tool prints
/// it (behind the prefixes shells and tools add, with generated values), is diagnosed and captured as in English.
@Suite struct ShippedTranslationTests {
    let catalog: RuleCatalog
    let translations: MessageTranslations

    init() throws {
        catalog = try TestSupport.catalog()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Diagnosis/Resources/" + MessageTranslations.fileName)
        translations = try MessageTranslations.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self), file: url.path)
    }

    /// The message with its printf placeholders replaced by `values` in argument order (`%2$s` takes the second).
    static func format(_ message: String, _ values: [String]) -> String {
        let regex = try! NSRegularExpression(pattern: "%(?:(\\d+)\\$)?[-+ #0']*\\d*(?:\\.\\d+)?(?:hh|h|ll|l|z|j|t|L)?([sduPE])")
        var output = ""
        var last = message.startIndex
        var next = 0
        for match in regex.matches(in: message, range: NSRange(message.startIndex..., in: message)) {
            let range = Range(match.range, in: message)!
            output += message[last..<range.lowerBound]
            let position = Range(match.range(at: 1), in: message).flatMap { Int(message[$0]) }
            let index = (position ?? next + 1) - 1
            if position == nil { next += 1 }
            output += index < values.count ? values[index] : ""
            last = range.upperBound
        }
        return (output + message[last...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func name(_ random: inout SplitMix64) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return (0..<Int.random(in: 4...10, using: &random)).map { _ in String(letters.randomElement(using: &random)!) }.joined()
            + ["", "-cli", "2", ".sh"].randomElement(using: &random)!
    }

    func all(_ msgid: String) -> [String] {
        let shipped = translations.translations(of: msgid)
        #expect(shipped.count >= 10, "\(msgid): only \(shipped.count) translations shipped")
        return [msgid] + shipped
    }

    /// `bash: Zeile 1: NAME: Kommando nicht gefunden.`: the captured program is NAME, never the prefix.
    @Test(arguments: [UInt64(3), 27, 2026])
    func aCommandNotFoundBehindAShellPrefixCapturesTheProgramOnly(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for message in all("%s: command not found") {
            let program = Self.name(&random)
            let prefix = ["bash: line 3: ", "bash: Zeile 12: ", "./install.sh: ligne 4: ", "sh: 行 1: ", ""].randomElement(using: &random)!
            let diagnosis = Analyser.analyse(
                output: prefix + Self.format(message, [program]) + "\n", exitCode: 127, context: AnalysisContext(),
                catalog: catalog)
            #expect(diagnosis.kind == .commandNotFound, "\(message)")
            let summary = diagnosis.remediations.first { $0.id == "install-missing-program" }?.summary ?? ""
            #expect(summary.hasPrefix("Install \(program) or"), "\(message): \(summary)")
        }
    }

    /// The same message names a compiler, a cross compiler or any other program: the capture's value decides
    /// the kind (a required value is a whole word: `…-mingw32-gcc` is a cross compiler, not `gcc`).
    @Test(arguments: [UInt64(8), 64])
    func aMissingCompilerIsToldFromAMissingProgramInEveryLanguage(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for message in all("%s: command not found") {
            let (program, rule) = [
                (["gcc", "cc", "clang", "g++"].randomElement(using: &random)!, "compiler-not-on-path"),
                (["x86_64-w64-mingw32-gcc", "aarch64-linux-gnu-g++", "arm-none-eabi-ld"].randomElement(using: &random)!,
                 "cross-compiler-missing"),
                (Self.name(&random) + "cc", "shell-command-not-found"),
            ].randomElement(using: &random)!
            let line = "bash: line 1: " + Self.format(message, [program])
            let diagnosis = Analyser.analyse(output: line + "\n", exitCode: 127, context: AnalysisContext(), catalog: catalog)
            #expect(diagnosis.ruleID == rule, "\(line): \(diagnosis.ruleID ?? "-")")
        }
    }

    /// make's `*** [target] Error N`: status 127 (the recipe's program does not exist) is command-not-found;
    /// any other status says nothing on its own.
    @Test(arguments: [UInt64(5), 127])
    func makeErrorIsCommandNotFoundOnlyForStatus127(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for message in all("%s[%s: %s] Error %d%s") {
            let target = Self.name(&random)
            for status in ["127", ["1", "2", "126", "1270"].randomElement(using: &random)!] {
                let line = Self.format(message, ["make: *** ", "Makefile:\(Int.random(in: 1...99, using: &random))", target, status, ""])
                let diagnosis = Analyser.analyse(output: line + "\n", exitCode: 2, context: AnalysisContext(), catalog: catalog)
                #expect((diagnosis.kind == .commandNotFound) == (status == "127"), "\(line)")
            }
        }
    }

    /// wget's `%s ERROR %d: %s.` whose translated word alone is short (`ERRO`, `FOUT`, `错误`): the blanks
    /// around it make the needle; a 4xx or 5xx status is an HTTP error.
    @Test(arguments: [UInt64(11), 404])
    func wgetStatusIsAnHTTPErrorInEveryLanguage(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for message in all("%s ERROR %d: %s.\n") {
            let status = String(Int.random(in: 400...599, using: &random))
            let line = Self.format(message, ["2026-12-06 13:42:31", status, "Not Found"])
            let diagnosis = Analyser.analyse(output: line + "\n", exitCode: 8, context: AnalysisContext(), catalog: catalog)
            #expect(diagnosis.kind == .httpError, "\(line)")
        }
    }

    /// binutils' `%P: cannot find %s: %E`: the linker's library, in any language, names its -dev package.
    @Test(arguments: [UInt64(9), 77])
    func theLinkersMissingLibraryNamesItsDevPackage(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for message in all("%P: cannot find %s: %E\n") {
            let library = Self.name(&random).replacingOccurrences(of: ".sh", with: "")
            let line = Self.format(message, ["/usr/bin/ld", "-l" + library, "No such file or directory"])
            let diagnosis = Analyser.analyse(
                output: line + "\ncollect2: error: ld returned 1 exit status\n", exitCode: 1,
                context: AnalysisContext(profile: TestSupport.profile()), catalog: catalog)
            #expect(diagnosis.kind == .missingHeaders, "\(line)")
            let expected = "lib" + (library.hasPrefix("lib") ? String(library.dropFirst(3)) : library) + "-dev"
            #expect(diagnosis.remediations.first?.summary.hasPrefix("Install \(expected) ") == true, "\(line): \(diagnosis.remediations.first?.summary ?? "-")")
        }
    }

    /// An untranslated gcc before the C library's translated reason: `a.c:1:10: fatal error: x.h: <ENOENT>`.
    @Test func aMissingHeaderIsFoundByTheCLibrarysReasonInAnyLanguage() throws {
        for reason in all("No such file or directory") {
            let line = "src/main.c:3:10: fatal error: evlog_probe.h: \(reason)"
            let diagnosis = Analyser.analyse(
                output: line + "\ncompilation terminated.\n", exitCode: 1, context: AnalysisContext(), catalog: catalog)
            #expect(diagnosis.kind == .missingHeaders, "\(line)")
        }
    }
}
