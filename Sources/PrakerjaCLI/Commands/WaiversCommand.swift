import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaStore

/// `prakerja waivers`: the waivers proposed and decided in the console, as the file runs read.
struct WaiversCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waivers", abstract: "The waivers decided in the console, for runs.", subcommands: [WaiversExportCommand.self])
}

struct WaiversExportCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the approved waivers that have not expired as the file --waivers reads.",
        discussion: """
            Each waiver's owner is the person who approved it. A run given the file is judged
            with them: a live waiver turns its check's failure into a warning naming it.

            Example:
              prakerja waivers export --store postgres://curator@db/prakerja --output waivers.yaml
              prakerja conformance run --config partner.yaml --waivers waivers.yaml
            """)

    @Option(help: "The file to write (default: standard output).")
    var output: String?
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        let waivers: Waivers
        do { waivers = try await store.liveWaivers(on: CalendarDate(Date())) } catch { throw .unjudged(error.description) }
        await store.close()
        let text = Self.yaml(waivers)
        guard let output else {
            io.print(String(text.dropLast()))
            return ExitStatus.passed
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: output)) } catch { throw .usage("\(output): cannot be written: \(error)") }
        io.print("\(waivers.waivers.count) live waivers written to \(output)")
        return ExitStatus.passed
    }

    /// The waivers as YAML, each text a JSON string (which YAML reads as written).
    static func yaml(_ waivers: Waivers) -> String {
        func quoted(_ text: String) -> String { String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self) }
        var text = "# The approved waivers not expired on \(CalendarDate(Date())), from the console (prakerja waivers export).\nwaivers:"
        if waivers.waivers.isEmpty { return text + " []\n" }
        for waiver in waivers.waivers {
            text += "\n  - id: \(quoted(waiver.id))\n    check: \(quoted(waiver.check))\n"
            if let partner = waiver.partner { text += "    partner: \(quoted(partner))\n" }
            text += "    reason: \(quoted(waiver.reason))\n    owner: \(quoted(waiver.owner))\n    expires: \(quoted(waiver.expires))"
        }
        return text + "\n"
    }
}
