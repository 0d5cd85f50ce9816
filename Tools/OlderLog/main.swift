// evlog-older-log: a plan's log written again as an older evlog would have stored it, for the benchmarks of reading
// such logs (`Tools/ServeBenchmark/older.sh`): the same events, under a header that names another evlog, so
// every reader passes them through this revision of the secret policy again (`PlanEventStream.readsAsStored`).
//
//   swift build --product evlog-older-log && .build/debug/evlog-older-log SRC.evlog OUT.evlog [--block-bytes N]
import EventLog
import Foundation
import InstallModel
import Orchestrator

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: evlog-older-log SRC.evlog OUT.evlog [--block-bytes N]\n".utf8))
    exit(2)
}
let blockBytes = arguments.firstIndex(of: "--block-bytes").flatMap { $0 + 1 < arguments.count ? Int(arguments[$0 + 1]) : nil }
    ?? LogWriterOptions.blockBytesTargetDefault
guard LogWriterOptions.blockBytesTargetRange.contains(blockBytes) else {
    FileHandle.standardError.write(Data("--block-bytes must be within \(LogWriterOptions.blockBytesTargetRange)\n".utf8))
    exit(2)
}
do {
    let source = PlanLog(path: arguments[1])
    let label = URL(fileURLWithPath: arguments[2]).deletingPathExtension().lastPathComponent
    let writer = try LogWriter.open(
        path: arguments[2], label: label, creator: "evlog 0.1", createdAtMicros: 1, options: LogWriterOptions(blockBytesTarget: blockBytes))
    var events = 0
    for event in try source.events() {
        try writer.append(try EventPayload.encode(event), checkpoint: { if case .checkpoint = event.body { true } else { false } }())
        events += 1
    }
    try writer.close()
    print("\(arguments[2]): \(events) events under an older evlog's header")
} catch {
    FileHandle.standardError.write(Data("evlog-older-log: \(error)\n".utf8))
    exit(1)
}
