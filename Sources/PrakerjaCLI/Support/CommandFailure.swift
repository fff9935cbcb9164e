/// A command's failure: the one line to show on standard error and the exit code.
///
/// Exit codes follow the kit's convention: 1 the thing checked is invalid, 2 usage or input error.
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    /// Bad usage or unusable input (a missing file, a key that is not a key): exit 2.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 2) }

    /// The input was read and judged invalid: exit 1.
    static func invalid(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 1) }
}
