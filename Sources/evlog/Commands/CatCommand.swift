import EvlogKit
import ArgumentParser
import EventLog
import InstallModel

/// `evlog cat <file>`: prints every record of a log, a debugging aid.
struct CatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the records of a log: index, flags (C = checkpoint) and payload.",
        discussion: """
            Payloads print as text when they are valid UTF-8 (with \\n, \\t and control characters \
            escaped) and as hex otherwise. Stops at the first damaged block with exit status 1.

            Examples:
              evlog cat ~/.local/state/evlog/plans/p-3f2a9c01b7de.evlog | less
              evlog cat run.evlog --json | jq -r .text
              evlog cat run.evlog --hex
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Print every payload as hex.")
    var hex = false

    @Argument(help: "The .evlog file to print.")
    var file: String

    func run() throws {
        let reader: LogReader
        do {
            reader = try LogReader(path: file)
        } catch {
            throw UserFacingError(error.description, code: .usage)
        }
        do {
            try reader.forEachRecord { index, isCheckpoint, payload in
                print(line(index: index, isCheckpoint: isCheckpoint, payload: payload))
            }
        } catch {
            throw UserFacingError(error.description, code: .planFailed)
        }
        if let damage = reader.damage {
            throw UserFacingError(
                "\(file): stopped at byte \(damage.offset) after \(damage.recordsGood) records: \(damage.reason)", code: .planFailed)
        }
    }

    private func line(index: UInt64, isCheckpoint: Bool, payload: UnsafeRawBufferPointer) -> String {
        let text = hex ? nil : String(validating: payload, as: UTF8.self)
        if global.json {
            let body = text.map { #""text": \#(JSONText.quoted($0))"# } ?? #""hex": "\#(CatCommand.hexString(payload))""#
            return #"{"index": \#(index), "checkpoint": \#(isCheckpoint), \#(body)}"#
        }
        let shown = text.map(CatCommand.escaped) ?? "hex:" + CatCommand.hexString(payload)
        return "\(index)\t\(isCheckpoint ? "C" : "-")\t\(shown)"
    }

    static func hexString(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            case _ where scalar.isEscapedWhenShown:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
