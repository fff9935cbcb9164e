import ArgumentParser
import PrakerjaConformance

/// Runs the `prakerja` command line: parses, executes, and turns every outcome into output and
/// an exit code. Errors are one line on standard error, never a stack trace.
///
/// Exit codes: 0 success (and `--help`, `--version`), 1 the input was judged invalid,
/// 2 usage or input error.
public enum CommandLineTool {
    public static func run(_ arguments: [String], io: CommandIO = .standard) async -> Int32 {
        do {
            var command = try PrakerjaCommand.parseAsRoot(arguments)
            if let runnable = command as? any RunnableCommand {
                return try await runnable.execute(io: io)
            }
            try command.run()  // help requests, and the bare command, which shows help
            return ExitStatus.passed
        } catch let failure as CommandFailure {
            io.printError("prakerja \(arguments.first ?? ""): \(failure.message)")
            return failure.exitCode
        } catch {
            if PrakerjaCommand.exitCode(for: error) == .success {
                io.print(PrakerjaCommand.fullMessage(for: error))
                return ExitStatus.passed
            }
            let message = PrakerjaCommand.message(for: error)
                .split(whereSeparator: \.isNewline).map { $0.trimmingPrefix("Error: ") }.joined(separator: " ")
            io.printError("prakerja: \(message) (see '\(helpCommand(for: arguments))')")
            return ExitStatus.usage
        }
    }

    private static func helpCommand(for arguments: [String]) -> String {
        let names = PrakerjaCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let first = arguments.first, names.contains(first) { return "prakerja \(first) --help" }
        return "prakerja --help"
    }
}
