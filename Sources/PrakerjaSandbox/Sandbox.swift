import Foundation
import Hummingbird
import Logging
import NIOCore
import PrakerjaClient
import PrakerjaSigning
import ServiceLifecycle

/// The program's integration API on your machine: real signatures, real state machines, every
/// call recorded. Run it with `prakerja sandbox`, or in-process with `Sandbox.withRunning`.
public struct Sandbox: Sendable {
    public let configuration: SandboxConfiguration
    public let clock: SandboxClock
    let state: SandboxState
    let log: CallLog
    let logger: Logger
    let application: Application<RouterResponder<BasicRequestContext>>
    private let port: PortPromise

    public init(configuration: SandboxConfiguration = SandboxConfiguration(),
                logger: Logger = Logger(label: "prakerja.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.configuration = configuration
        self.logger = logger
        let clock = SandboxClock(startingAt: configuration.startTime)
        self.clock = clock
        let log = CallLog(capacity: configuration.logCapacity)
        self.log = log
        let state = SandboxState(SandboxStore(
            catalogue: Catalogue(clients: configuration.clients, start: configuration.startTime), clock: clock, baseURL: "",
            defaultPlatform: configuration.clients.first { $0.role == .dp }?.code ?? "DPSANDBOX01", logger: logger))
        self.state = state
        let pipeline = EndpointPipeline(
            clients: Dictionary(configuration.clients.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last }),
            policy: VerificationPolicy(window: configuration.timestampWindow, clock: configuration.signatureClock,
                                       replayGuard: ReplayGuard(capacity: 1_000_000)),
            maximumBodyBytes: configuration.maximumBodyBytes, log: log)
        let port = PortPromise()
        self.port = port
        let host = configuration.host
        self.application = Application(
            router: SandboxRouter.build(state: state, pipeline: pipeline, clock: clock),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "prakerja-sandbox"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                state.read { $0.setBaseURL("http://\(host.contains(":") ? "[\(host)]" : host):\(bound)") }
                port.fulfil(bound)
            },
            logger: logger)
    }

    /// Runs the sandbox until the task is cancelled or the process gets SIGINT or SIGTERM, calling
    /// `onReady` once it listens.
    public func run(onReady: @escaping @Sendable (RunningSandbox) async -> Void = { _ in }) async throws {
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                let bound = await port.value()
                await onReady(running(port: bound))
            }
            try await tasks.waitForAll()
        }
    }

    /// Starts the sandbox, runs `body` against it, and stops it.
    public static func withRunning<Value: Sendable>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(port: 0),
        logger: Logger = Logger(label: "prakerja.sandbox", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: @Sendable (RunningSandbox) async throws -> Value
    ) async throws -> Value {
        let sandbox = Sandbox(configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [sandbox.application], gracefulShutdownSignals: [], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let running = sandbox.running(port: await sandbox.port.value())
            do {
                let value = try await body(running)
                await group.triggerGracefulShutdown()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private func running(port: Int) -> RunningSandbox {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return RunningSandbox(baseURL: "http://\(host):\(port)", clients: configuration.clients, clock: clock, state: state, log: log)
    }
}

/// A sandbox that is listening: its URL, its clients, and in-process access to its test hooks.
public struct RunningSandbox: Sendable {
    public let baseURL: String
    public let clients: [SandboxClient]
    public let clock: SandboxClock
    let state: SandboxState
    let log: CallLog

    /// The OTP texted for a payment token.
    public func otp(forPaymentToken token: String) async -> String? { state.read { $0.otp(forPaymentToken: token) } }

    /// The recorded calls after `id`, oldest first.
    public func logEntries(after id: Int = 0, clientCode: String? = nil) -> [SandboxLogEntry] { log.entries(after: id, clientCode: clientCode) }

    /// The production-like codes issued to an LP.
    public func issuedCodes(provider: String) async -> [IssuedRedeemCode] { state.read { $0.issuedCodes(provider: provider) } }

    /// The sandbox test codes and what each does.
    public static let testCodes: [(code: String, summary: String)] = TestCodes.scenarios.map { ($0.code, $0.scenario.summary) }

    /// A client signed as `client`, pointed at this sandbox.
    public func client(for client: SandboxClient, retryPolicy: RetryPolicy = .standard) -> PrakerjaClient {
        PrakerjaClient(environment: try! PrakerjaEnvironment(baseURL: baseURL), clientCode: client.code, signKey: client.signKey,
                       retryPolicy: retryPolicy)
    }
}

/// The port the server bound, once it is known.
final class PortPromise: Sendable {
    private let stream: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1)) }

    func fulfil(_ port: Int) {
        continuation.yield(port)
        continuation.finish()
    }

    func value() async -> Int {
        for await port in stream { return port }
        return 0
    }
}

extension SandboxStore {
    mutating func setBaseURL(_ url: String) { baseURL = url }
}
