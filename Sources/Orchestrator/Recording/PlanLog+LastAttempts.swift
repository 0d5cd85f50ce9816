import InstallModel

extension PlanLog {
    /// The events from the last checkpoint taken before the last attempt of each of `steps` started
    /// (the checkpoint first): enough to fold the plan's state and see those attempts whole, without
    /// decoding the output that came before them (`evlog what-failed` on a huge log).
    public func eventsCoveringLastAttempts(of steps: [StepState]) throws(PlanLogError) -> PlanEventStream {
        try eventsFromLastCheckpoint { event in
            guard case .checkpoint(let snapshot) = event.body else { return false }
            return steps.allSatisfy { step in (snapshot.step(step.id)?.attempt ?? 0) < step.attempt }
        }
    }
}
