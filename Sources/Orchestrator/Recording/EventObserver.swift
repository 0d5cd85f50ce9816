import InstallModel

/// Sees every event right after it is recorded (the live renderer is one).
///
/// Contract: called in sequence order, once per event, with the state folded through that event.
public protocol EventObserver: AnyObject {
    func observe(_ event: Event, state: PlanState)
}
