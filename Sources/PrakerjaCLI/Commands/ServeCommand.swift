import ArgumentParser
import Foundation
import Logging
import PrakerjaConformance
import PrakerjaConsole
import PrakerjaHTTPServer
import PrakerjaStore

/// `prakerja serve`: the curation console over a results history, until Ctrl-C.
struct ServeCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the curation console: the shared history's runs and results in the browser.",
        discussion: """
            Bahasa Indonesia first, English by a switch. People sign in with accounts made by
            `prakerja users add`; a partner user sees only their partner's runs. Put it behind a
            proxy that ends TLS and give --public-url https://...: its cookies are then sent
            over https only.

            Examples:
              prakerja users add admin --name "Admin Program" --role admin --store postgres://curator@db/prakerja
              prakerja serve --store postgres://curator@db/prakerja --host 0.0.0.0 --port 8080 \\
                --public-url https://kurasi.prakerja.example.id
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8080

    @Option(help: "The address people open (https://...: cookies only over https). Default: http://HOST:PORT.")
    var publicURL: String?

    @Option(help: "A proxy's address whose X-Forwarded-For names the client (sign-ins are throttled per client); repeatable.")
    var trustedProxy: [String] = []

    @Option(help: "Items of queued sweeps (partners' own runs among them) this process works on at once; 0: leave them to `prakerja worker`.")
    var workers = 0

    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard (0...65_535).contains(port) else { throw .usage("--port must be 0 to 65535, got \(port)") }
        guard (0...64).contains(workers) else { throw .usage("--workers must be 0 to 64, got \(workers)") }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw .usage("--public-url must start with https:// or http://, got \(publicURL)")
        }
        let store = try await RunsCommand.open(history)
        if try await UsersCommand.people(store).isEmpty {
            io.printError("nobody can sign in yet: add a person first (prakerja users add LOGIN --name NAME --role admin)")
        }
        return try await Self.serve(
            store, host: host, port: port, publicURL: publicURL, trustedProxies: Set(trustedProxy), workers: workers, io: io)
    }

    /// Serves the console over `store` until Ctrl-C or SIGTERM, with `workers` items of queued
    /// sweeps worked on at once in this process.
    static func serve(
        _ store: ResultsStore, host: String, port: Int, publicURL: String?, trustedProxies: Set<String>, workers: Int = 0, io: CommandIO
    ) async throws(CommandFailure) -> Int32 {
        var logger = Logger(label: "prakerja.console", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        do { try await store.keepRunColumns() } catch { throw .unjudged("\(error)") }
        let console: ConsoleApplication
        do {
            console = try ConsoleApplication(
                store: store,
                configuration: ConsoleConfiguration(publicURL: publicURL, trustedProxies: trustedProxies),
                logger: logger)
        } catch {
            throw .usage("\(error)")
        }
        let working =
            workers > 0
            ? Task { await SweepWorker(store: store, lease: .seconds(60), io: io).work(sweep: nil, concurrency: workers, mode: .forever) } : nil
        defer { working?.cancel() }
        do {
            try await HTTPServerRunner.run(console.router(), host: host, port: port, name: "prakerja-console", idleTimeout: .seconds(30)) { url in
                io.print("Prakerja curation console on \(publicURL ?? url), over \(store.location). Stop with Ctrl-C.")
            }
        } catch {
            throw .usage("the console could not run on \(host):\(port): \(error)")
        }
        await store.close()
        return ExitStatus.passed
    }
}
