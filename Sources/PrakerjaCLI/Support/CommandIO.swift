import Foundation

/// The streams a command reads and writes, injected so tests run commands in-process and
/// read exactly what a user would see.
public struct CommandIO: Sendable {
    public let writeOutput: @Sendable (String) -> Void
    public let writeError: @Sendable (String) -> Void
    public let readInput: @Sendable () -> Data

    public init(
        writeOutput: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () -> Data
    ) {
        self.writeOutput = writeOutput
        self.writeError = writeError
        self.readInput = readInput
    }

    /// The process's standard output, error and input. Output nobody reads any more (`runs show
    /// | head -1`: the pipe closed) is dropped; the command goes on and ends as it would.
    public static let standard = CommandIO(
        writeOutput: { try? FileHandle.standardOutput.write(contentsOf: Data($0.utf8)) },
        writeError: { try? FileHandle.standardError.write(contentsOf: Data($0.utf8)) },
        readInput: { FileHandle.standardInput.readDataToEndOfFile() }
    )

    /// Writes `line` and a newline to standard output.
    func print(_ line: String) { writeOutput(line + "\n") }

    /// Writes `line` and a newline to standard error.
    func printError(_ line: String) { writeError(line + "\n") }
}
