import Foundation
import ThaksaCLI

let cli = CLI(environment: ProcessInfo.processInfo.environment,
              stdout: FileDescriptorOutput(fd: 1), stderr: FileDescriptorOutput(fd: 2),
              executableDirectory: Bundle.main.executableURL?.deletingLastPathComponent().path,
              currentDirectory: FileManager.default.currentDirectoryPath)
exit(cli.run(Array(CommandLine.arguments.dropFirst())))
