import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaStore

/// `prakerja partners`: the partners the program registered, each with the one base URL the runs
/// its own users start (in the console) may reach.
struct PartnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partners",
        abstract: "Register partners whose users start their own runs in the console, and list them.",
        subcommands: [PartnersRegisterCommand.self, PartnersListCommand.self]
    )
}

struct PartnersRegisterCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Register a partner from its config: its name, role and the one base URL its runs may reach.",
        discussion: """
            The config (with the partner's credentials) stays on this machine: the console and the
            workers read it from the path given, and its secrets never enter the history. A run a
            partner's user starts in the console is queued with this config and run by a worker
            against the registered base URL only: a worker refuses it if the config has since
            been changed to name another. Registering again changes the registration.

            A training provider's --provider code makes its proposals (and their assessments)
            the partner's: its users upload proposals of that code only.

            Examples:
              prakerja partners register --config /etc/prakerja/partners/lp-kopi.yaml --provider LPKOPI --daily-runs 5
              prakerja partners list --store postgres://curator@db/prakerja
            """)

    @Option(help: "The partner's config (YAML): its name, role, base URL and credentials.")
    var config: String
    @Option(help: "A training provider's code, as its proposals name it.")
    var provider: String?
    @Option(help: "How many runs its users may start in any 24 hours.")
    var dailyRuns = 5
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard (1...RegisteredPartner.dailyRunsLimit).contains(dailyRuns) else {
            throw .usage("--daily-runs must be 1 to \(RegisteredPartner.dailyRunsLimit), got \(dailyRuns)")
        }
        let loaded: PartnerConfig
        do { loaded = try PartnerConfig.load(config) } catch { throw .usage(error.description) }
        if provider != nil, loaded.role != .trainingProvider {
            throw .usage("--provider is a training provider's code; \(loaded.name) is a \(loaded.role.rawValue)")
        }
        if let provider, provider.isEmpty || provider.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw .usage("--provider is a code without spaces, got '\(provider)'")
        }
        guard let store = try await history.open() else { throw .usage("partners are kept in the results history: --no-store has none") }
        let partner = RegisteredPartner(
            name: loaded.name, role: loaded.role.rawValue, baseURL: loaded.baseURL,
            config: absolutePath(config), provider: provider, dailyRuns: dailyRuns,
            registeredBy: "cli:\(NSUserName())", registeredAt: Date())
        do { try await store.register(partner) } catch { throw error.unreachable ? .unjudged(error.description) : .usage(error.description) }
        io.print("registered \(partner.name) (\(partner.role)) at \(partner.baseURL) in \(store.location); \(dailyRuns) runs a day")
        await store.close()
        return ExitStatus.passed
    }
}

struct PartnersListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered partners.")
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        let partners: [RegisteredPartner]
        do { partners = try await store.partners() } catch { throw .unjudged(error.description) }
        for partner in partners {
            io.print(
                "\(partner.name)\t\(partner.role)\t\(partner.baseURL)\t\(partner.provider ?? "-")\t\(partner.dailyRuns)/day\t\(partner.config)")
        }
        await store.close()
        return ExitStatus.passed
    }
}
