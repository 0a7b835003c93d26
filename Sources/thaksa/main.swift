import Foundation
import ThaksaCLI

// A closed pipe is a write error (EPIPE) that the CLI reports, not a silent death by SIGPIPE.
signal(SIGPIPE, SIG_IGN)

let cli = CLI(environment: ProcessInfo.processInfo.environment,
              stdout: FileDescriptorOutput(fd: 1), stderr: FileDescriptorOutput(fd: 2),
              executableDirectory: Bundle.main.executableURL?.deletingLastPathComponent().path,
              currentDirectory: FileManager.default.currentDirectoryPath)
exit(cli.run(Array(CommandLine.arguments.dropFirst())))
