import ArgumentParser
import Hummingbird
import Logging
import PrakerjaConformance
import PrakerjaHTTPServer

/// Where a reference partner listens: the options every `prakerja reference` command shares.
struct ServeOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port: Int

    /// Serves `router` until interrupted, printing `banner` once it listens (scripts wait for its first line).
    func serve(
        _ router: Router<SignedJSONContext>, name: String, io: CommandIO,
        banner: @escaping @Sendable (String) -> [String]
    ) async throws(CommandFailure) -> Int32 {
        guard (0...65_535).contains(port) else { throw .usage("--port must be 0 to 65535, got \(port)") }
        var logger = Logger(label: name, factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        do {
            try await HTTPServerRunner.run(router, host: host, port: port, name: name, logger: logger) { url in
                io.writeOutput(banner(url).map { $0 + "\n" }.joined())
            }
        } catch {
            throw .usage("\(name) could not run on \(host):\(port): \(error)")
        }
        return ExitStatus.passed
    }
}
