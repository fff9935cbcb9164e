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
        // JSON: the file `--waivers` reads as YAML or JSON alike, every reason written as it is.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let document: Data
        do { document = try encoder.encode(["waivers": waivers.waivers]) } catch { throw .unjudged("\(error)") }
        guard let output else {
            io.print(String(decoding: document, as: UTF8.self))
            return ExitStatus.passed
        }
        do { try document.write(to: URL(fileURLWithPath: output)) } catch { throw .usage("\(output): cannot be written: \(error)") }
        io.print("\(waivers.waivers.count) live waivers written to \(output)")
        return ExitStatus.passed
    }
}
