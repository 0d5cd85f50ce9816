import Foundation
import InstallModel
@testable import Orchestrator

extension ExecutionContext {
    /// A real Debian context for executor tests: real processes and files, everything under `root`
    /// (`home`, `work`, `backups`), what the steps print going to `io`.
    static func realDebian(root: String, io: some StepIO) -> ExecutionContext {
        let profile = SystemProfile(
            name: "test", osFamily: "debian", distribution: "debian", version: "12", codename: "bookworm", arch: "x86_64",
            initSystem: .sysv, packageManagers: [.apt], isRoot: geteuid() == 0, hasSudo: false, inContainer: true,
            externallyManagedPython: true)
        return ExecutionContext(
            runner: SubprocessRunner(), fileSystem: LocalFileSystem(), profile: profile, io: io,
            environment: ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": root + "/home", "LC_ALL": "C.UTF-8"],
            userHome: root + "/home", workDirectory: root + "/work", backupDirectory: root + "/backups", sudoPassword: nil,
            timeoutSeconds: 120)
    }
}
