import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import PrakerjaClient
import ServiceLifecycle

/// Runs a Hummingbird router as a server on a port: until the process is interrupted, or around a
/// piece of work (tests and the demo run servers on free ports this way).
public enum HTTPServerRunner {
    /// Serves `router`, calls `body` with the base URL (`http://127.0.0.1:PORT`, or `https://`
    /// with `tls`), then stops. Port 0 picks a free port.
    public static func withRunning<Value: Sendable, Builder: HTTPResponderBuilder>(
        _ router: Builder, host: String = "127.0.0.1", port: Int = 0, name: String = "prakerja",
        tls: TLSConfiguration? = nil,
        logger: Logger = Logger(label: "prakerja.server", factory: { _ in SwiftLogNoOpLogHandler() }),
        onBound: @escaping @Sendable (String) async -> Void = { _ in },
        _ body: @Sendable (String) async throws -> Value
    ) async throws -> Value where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let scheme = tls == nil ? "http" : "https"
        @Sendable func baseURL(_ port: Int) -> String { Self.baseURL(host: host, port: port, scheme: scheme) }
        let application = Application(
            router: router, server: try tls.map { try .tls(.http1(configuration: .kit()), tlsConfiguration: $0) } ?? .http1(configuration: .kit()),
            configuration: .init(address: .hostname(host, port: port), serverName: name),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                await onBound(baseURL(bound))
                continuation.yield(bound)
                continuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            // The server's tasks run on the network executor: a partner served beside heavy work
            // in the same process still answers in time.
            tasks.addTask(executorPreference: NetworkExecutor.shared) {
                // A server that stops before it listens (its port is taken) ends the wait for its port.
                defer { continuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let bound = await iterator.next() else {
                try await tasks.next()
                throw ServerStartFailure(host: host, port: port, reason: "the server stopped before it listened")
            }
            do {
                let value = try await body(baseURL(bound))
                await group.triggerGracefulShutdown()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    /// Serves `router` until SIGINT or SIGTERM, calling `onReady` with the base URL once it listens.
    /// A connection that sends nothing for `idleTimeout` (a request half sent, a client gone
    /// quiet) is closed.
    public static func run<Builder: HTTPResponderBuilder>(
        _ router: Builder, host: String, port: Int, name: String = "prakerja", idleTimeout: TimeAmount? = nil,
        logger: Logger = Logger(label: "prakerja.server", factory: { _ in SwiftLogNoOpLogHandler() }),
        onReady: @escaping @Sendable (String) async -> Void
    ) async throws where Builder.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let application = Application(
            router: router, server: .http1(configuration: .kit(idleTimeout: idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: name),
            onServerRunning: { channel in await onReady(baseURL(host: host, port: channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withTaskExecutorPreference(NetworkExecutor.shared) { try await group.run() }
    }

    /// `http://host:port`, with an IPv6 host in brackets.
    public static func baseURL(host: String, port: Int, scheme: String = "http") -> String {
        "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}

/// A server that could not start listening; the error names the address.
public struct ServerStartFailure: Error, Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let reason: String

    public var description: String { "cannot listen on \(HTTPServerRunner.baseURL(host: host, port: port)): \(reason)" }
}
