/// The 15 kinds of step the orchestrator dispatches (see ARCHITECTURE.md, "The 15 step kinds").
public enum StepKind: String, Codable, Sendable, CaseIterable {
    case packages
    case repoSetup = "repo_setup"
    case tool
    case postInstall = "post_install"
    case verify
    case source
    case build
    case install
    case cleanup
    case download
    case service
    case config
    case notification
    case shellConfig = "shell_config"
    case githubRelease = "github_release"
}
