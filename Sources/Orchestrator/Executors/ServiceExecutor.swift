import InstallModel

/// `service`: start/stop/restart/enable/disable/status mapped to systemd, OpenRC, SysV init or launchd
/// (through `brew services`). `status` never needs root.
enum ServiceExecutor {
    static func execute(_ p: ServiceParameters, context: ExecutionContext) async -> StepOutcome {
        guard let argv = command(p, initSystem: context.profile.initSystem) else {
            return .failed(.known(.serviceFailed, "this system has no init system evlog can drive (\(context.profile.initSystem.rawValue)); start \(p.name) by hand"))
        }
        let asRoot = p.action != .status && context.profile.initSystem != .launchd
        return await context.runAll([argv], asRoot: asRoot)
    }

    static func command(_ p: ServiceParameters, initSystem: InitSystem) -> [String]? {
        switch initSystem {
        case .systemd:
            return ["systemctl", p.action == .enable ? "enable" : p.action.rawValue] + (p.action == .enable ? ["--now"] : []) + [p.name]
        case .openrc:
            switch p.action {
            case .enable: return ["rc-update", "add", p.name, "default"]
            case .disable: return ["rc-update", "del", p.name, "default"]
            case .start, .stop, .restart, .status: return ["rc-service", p.name, p.action.rawValue]
            }
        case .sysv:
            switch p.action {
            case .enable: return ["update-rc.d", p.name, "defaults"]
            case .disable: return ["update-rc.d", p.name, "disable"]
            case .start, .stop, .restart, .status: return ["service", p.name, p.action.rawValue]
            }
        case .launchd:
            switch p.action {
            case .start, .enable: return ["brew", "services", "start", p.name]
            case .stop, .disable: return ["brew", "services", "stop", p.name]
            case .restart: return ["brew", "services", "restart", p.name]
            case .status: return ["brew", "services", "info", p.name]
            }
        case .none:
            return nil
        }
    }
}
