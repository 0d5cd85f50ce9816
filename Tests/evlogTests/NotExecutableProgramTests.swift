import Foundation
import Testing

/// repro20 #4: a program that is there but not executable is a shell's "Permission denied" (exit 126), said as what it
/// is, never "command not found" (127) with advice to install it, nor a need for root; and it reproduces.
@Suite struct NotExecutableProgramTests {
    @Test(arguments: [true, false])
    func aProgramWithoutExecutePermissionIsNotNotFound(byPath: Bool) async throws {
        let home = try EvlogHome.make()
        defer { home.remove() }
        let bin = home.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        #expect(FileManager.default.createFile(
            atPath: bin + "/myscript", contents: Data("#!/bin/sh\necho hi\n".utf8), attributes: [.posixPermissions: 0o644]))
        var environment = Evlog.testEnvironment()
        environment["PATH"] = bin + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let ran = try await Evlog.run(
            ["run", "--no-color", "--home", home.path, "--", byPath ? bin + "/myscript" : "myscript"], environment: environment,
            mergeStandardError: true)
        #expect(ran.exitCode == 126, "\(ran.allOutput)")
        #expect(ran.stdout.contains("is there but not executable") && !ran.stdout.contains("why: needs-root"), "\(ran.stdout)")
        #expect(!ran.stdout.contains("command not found") && !ran.stdout.contains("Install"), "\(ran.stdout)")
        try await home.expectEveryPlanReproduces()
    }
}
