import Catalog
import InstallModel
import Testing

/// A log's adjustment numbers and step timeouts are bounded where the log is read (import, resume and remedy of a
/// foreign log): more runs, longer waits or timeouts than evlog's own remediations ask for are refused, naming the
/// field, and the runner never computes with them unbounded (trust13 #4). Numbers come from a seed.
struct RecordedAdjustmentBoundsTests {
    static func step(_ adjustment: StepAdjustment, timeout: Int = 60) -> Step {
        var step = Step(id: "x-jq", label: "x", action: .postInstall(CommandParameters(argv: ["true"])), timeoutSeconds: timeout, tool: "jq")
        step.adjustment = adjustment
        return step
    }

    static func number(_ generator: inout SplitMix64) -> Int {
        switch generator.next() % 4 {
        case 0: return Int(generator.next() % 20)
        case 1: return Int(generator.next() % 10_000)
        case 2: return Int(bitPattern: UInt(generator.next()))
        default: return [Int.max, Int.min, -1, 0][Int(generator.next() % 4)]
        }
    }

    @Test func numbersOutsideTheBoundsAreRefusedAndOthersRead() {
        var generator = SplitMix64(seed: 4)
        for _ in 0..<500 {
            let attempts = Self.number(&generator), wait = Self.number(&generator), backoff = Self.number(&generator)
            let timeout = Self.number(&generator), stepTimeout = Self.number(&generator)
            let adjustment = StepAdjustment(remediation: "retry", timeoutSeconds: timeout, attempts: attempts, backoffSeconds: [backoff], waitSeconds: wait)
            let inBounds = (1...StepAdjustment.attemptsMax).contains(attempts) && (0...StepAdjustment.waitSecondsMax).contains(wait)
                && (0...StepAdjustment.waitSecondsMax).contains(backoff) && (1...StepAdjustment.timeoutSecondsMax).contains(timeout)
                && (1...StepAdjustment.timeoutSecondsMax).contains(stepTimeout)
            let problem = Self.step(adjustment, timeout: stepTimeout).problemAsRecorded
            #expect((problem == nil) == inBounds, "\(adjustment) timeout \(stepTimeout): \(problem ?? "read")")
            // Whatever a log holds, the runner's own reading of it stays in bounds.
            #expect((1...StepAdjustment.attemptsMax).contains(adjustment.runs))
            #expect((0...StepAdjustment.waitSecondsMax).contains(adjustment.waitSeconds(beforeRun: Int(generator.next() % 5))))
        }
    }
}
