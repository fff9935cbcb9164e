import PrakerjaConformance

/// A command's failure: the one line to show on standard error and the exit code.
///
/// Exit codes follow the kit's convention (`ExitStatus`).
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let exitCode: Int32

    var description: String { message }

    /// Bad usage or unusable input (a missing file, a key that is not a key): exit 2.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: ExitStatus.usage) }

    /// The input was read and judged invalid: exit 1.
    static func invalid(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: ExitStatus.failed) }

    /// The kit could not reach or judge what it was asked to, or could not write its results: exit 3.
    static func unjudged(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: ExitStatus.unjudged) }
}
