import Diagnosis
import InstallModel
import Testing

/// A failed step's timeout may come from a log from elsewhere: `extend-timeout` multiplies it, and the product
/// saturates at evlog's longest timeout instead of trapping `diagnose` (trust13 #4). Timeouts come from a seed.
struct RemediationTimeoutBoundTests {
    @Test func extendTimeoutOfAnyRecordedTimeoutStaysInBounds() throws {
        var generator = SplitMix64(seed: 77)
        let extremes = [1, 60, StepAdjustment.timeoutSecondsMax, Int.max / 2, Int.max - 1, Int.max]
        let timeouts = extremes + (0..<20).map { _ in Int(generator.next() >> 1) }
        for timeout in timeouts {
            let step = Step(id: "pip-httpie", label: "Install httpie", action: .tool(ToolParameters(installer: .pip, package: "httpie")),
                            timeoutSeconds: timeout, tool: "httpie")
            let diagnosis = try TestSupport.analyse("", exitCode: 124, step: step, profile: TestSupport.profile(), timedOut: true)
            let adjusted = diagnosis.remediations.first { $0.id == "extend-timeout" }?.adjustment?.timeoutSeconds
            let seconds = try #require(adjusted, "no extend-timeout for a timeout of \(timeout) s")
            #expect((1...StepAdjustment.timeoutSecondsMax).contains(seconds), "\(timeout) s became \(seconds) s")
        }
    }
}
