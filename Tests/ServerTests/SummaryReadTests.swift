import Orchestrator
import Testing

@testable import InstallModel
@testable import Server

/// serve20 #5: a fleet row shows no output, so its read of a log an older evlog recorded (`eventsShowingNoOutput`)
/// gives output chunks as stored, without passing hundreds of MB through the secret policy again; every other event,
/// a command line included, still passes it, as `events()` gives it.
@Suite struct SummaryReadTests {
    @Test(arguments: ["ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", "AKIAIOSFODNN7EXAMPLE"])
    func aReadShowingNoOutputRedactsEverythingButOutput(secret: String) throws {
        let written = try HandWrittenLog(creator: "evlog 0.1", blockBytes: 4096)
        try written.append(.stepStarted(step: written.step, attempt: 2, command: ["deploy", "--token", secret]))
        try written.append(.outputChunk(step: written.step, stream: .stdout, data: Array("token \(secret)\n".utf8), redacted: false))
        try written.close()
        func texts(_ stream: PlanEventStream) -> (commands: String, output: String) {
            var commands = ""
            var output = ""
            for event in stream {
                switch event.body {
                case .stepStarted(_, _, let command, _): commands += command.joined(separator: " ")
                case .outputChunk(_, _, let data, _): output += String(decoding: data, as: UTF8.self)
                default: break
                }
            }
            return (commands, output)
        }
        let shown = texts(try written.log.events())
        #expect(!shown.commands.contains(secret) && !shown.output.contains(secret), "the policy does not redact \(secret): the test proves nothing")
        let summarised = texts(try written.log.eventsShowingNoOutput())
        #expect(!summarised.commands.contains(secret))
        #expect(summarised.output == "token \(secret)\n")
    }
}
