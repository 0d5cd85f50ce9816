import InstallModel

/// One install method of a recipe and whether it works on a profile: what `evlog catalog` shows per tool.
public struct MethodAvailability: Sendable, Hashable, Encodable {
    /// `apt`, `pipx`, `release`, `via rustup`; `packages` when no package manager of the profile fits.
    public var method: String
    public var available: Bool
    /// What the method would install when available, else why not.
    public var detail: String
}

extension Resolver {
    /// Each method of `recipe` judged on its own on `profile`, in the recipe's order of preference.
    public func availability(of recipe: Recipe, on profile: SystemProfile, options: ResolveOptions = ResolveOptions())
        -> [MethodAvailability]
    {
        recipe.methods.map { method in
            var single = recipe
            single.methods = [method]
            var evaluator = MethodEvaluator(catalog: catalog, profile: profile, options: options)
            switch evaluator.choose(single) {
            case .success(let choice):
                return MethodAvailability(method: choice.work.methodName, available: true, detail: choice.work.summary)
            case .failure(let error):
                return MethodAvailability(method: method.kind.label, available: false, detail: MethodEvaluator.shortReason(error))
            }
        }
    }
}

extension ChosenWork {
    /// The short name of the method: the package manager or installer, `release`, `script`, `via <tool>`.
    var methodName: String {
        switch self {
        case .packages(let manager, _, _): manager.rawValue
        case .language(let package): package.installer.rawValue
        case .release: "release"
        case .script: "script"
        case .delegated(let tool): "via \(tool)"
        }
    }
}
