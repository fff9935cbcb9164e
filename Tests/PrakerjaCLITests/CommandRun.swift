import Foundation
import PrakerjaCLI
import Synchronization

/// One in-process run of the `prakerja` command: exit code and everything it printed.
struct CommandRun {
    let exitCode: Int32
    let output: String
    let error: String

    var outputLines: [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(output.hasSuffix("\n") ? 1 : 0)
    }

    /// Commands record their runs in the results history: in these tests, one file in the
    /// temporary folder for the whole process (never the repository's `.prakerja/`), unless a
    /// test gives `--store`.
    static let history: String = {
        let path = FileManager.default.temporaryDirectory.appending(path: "prakerja-cli-tests-\(UUID().uuidString)/history.sqlite").path
        setenv("PRAKERJA_STORE", path, 1)
        return path
    }()

    init(_ arguments: [String], input: String = "") async {
        _ = Self.history
        let out = Mutex(""), err = Mutex("")
        let io = CommandIO(
            writeOutput: { text in out.withLock { $0 += text } },
            writeError: { text in err.withLock { $0 += text } },
            readInput: { Data(input.utf8) })
        exitCode = await CommandLineTool.run(arguments, io: io)
        output = out.withLock { $0 }
        error = err.withLock { $0 }
    }
}
