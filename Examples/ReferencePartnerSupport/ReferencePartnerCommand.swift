import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PrakerjaHTTPServer

/// The command line every reference partner shares: where to listen and which defects to switch on.
public struct ServeOptions: ParsableArguments {
    @Option(help: "The address to listen on.")
    public var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    public var port: Int

    @Option(name: .customLong("defect"), help: "A contract rule to break (repeatable); see --help for the names.")
    public var defects: [String] = []

    public init() {}

    /// The named defects, refusing unknown names with the list of known ones.
    public func parsedDefects<Defect: RawRepresentable & CaseIterable>(_ type: Defect.Type) throws -> Set<Defect> where Defect.RawValue == String {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        return Set(try defects.map { name in
            guard let defect = Defect(rawValue: name) else {
                throw ValidationError("unknown defect \(name); known: \(Defect.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return defect
        })
    }

    /// Serves `router` until interrupted, printing `banner` lines once it listens.
    public func serve(_ router: Router<BasicRequestContext>, name: String, banner: @escaping @Sendable (String) -> [String]) async throws {
        var logger = Logger(label: name, factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        try await HTTPServerRunner.run(router, host: host, port: port, name: name, logger: logger) { url in
            // Written at once (not buffered): scripts wait for this line to know the server is up.
            FileHandle.standardOutput.write(Data(banner(url).map { $0 + "\n" }.joined().utf8))
        }
    }
}
