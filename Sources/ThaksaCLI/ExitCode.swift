/// The documented exit codes, the same for every command.
public enum ExitCode: Int32, Sendable {
    /// Success: nothing to report.
    case ok = 0
    /// The tool ran and found problems (errors in the rules, failing tests, bad rows).
    case problems = 1
    /// The command line is wrong.
    case usage = 2
    /// An input could not be read (missing file or folder, unreadable, no rule files).
    case unreadable = 3
}
