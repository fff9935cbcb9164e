import Foundation
import Hummingbird
import Logging
import NIOCore
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaSigning

/// The program's integration API on your machine: real signatures, real state machines, every
/// call recorded. Run it with `prakerja sandbox`, or in-process with `Sandbox.withRunning`.
public struct Sandbox: Sendable {
    public let configuration: SandboxConfiguration
    public let clock: SandboxClock
    let state: SandboxState
    let log: CallLog
    let logger: Logger
    let policy: VerificationPolicy

    public init(
        configuration: SandboxConfiguration = SandboxConfiguration(),
        logger: Logger = Logger(label: "prakerja.sandbox", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.logger = logger
        let clock = SandboxClock(startingAt: configuration.startTime)
        self.clock = clock
        self.log = CallLog(capacity: configuration.logCapacity)
        self.state = SandboxState(
            SandboxStore(
                catalogue: Catalogue(clients: configuration.clients, start: configuration.startTime), clock: clock, baseURL: "",
                defaultPlatform: configuration.clients.first { $0.role == .dp }?.code ?? "DPSANDBOX01", logger: logger))
        self.policy = VerificationPolicy(
            window: configuration.timestampWindow, clock: configuration.signatureClock,
            replayGuard: ReplayGuard(capacity: 1_000_000))
    }

    /// Every route of the sandbox (served by `run` and `withRunning`; a benchmark answers with
    /// them in process).
    package var router: Router<SandboxContext> {
        SandboxRouter.build(
            state: state, clients: Dictionary(configuration.clients.map { ($0.code, $0) }, uniquingKeysWith: { _, last in last }),
            policy: policy, maximumBodyBytes: configuration.maximumBodyBytes, log: log, clock: clock)
    }

    /// Runs the sandbox until the process gets SIGINT or SIGTERM, calling `onReady` once it listens.
    public func run(onReady: @escaping @Sendable (RunningSandbox) async -> Void = { _ in }) async throws {
        try await HTTPServerRunner.run(
            router, host: configuration.host, port: configuration.port, name: "prakerja-sandbox",
            logger: logger
        ) { url in
            state.read { $0.setBaseURL(url) }
            await onReady(running(baseURL: url))
        }
    }

    /// Starts the sandbox, runs `body` against it, and stops it.
    public static func withRunning<Value: Sendable>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(port: 0),
        logger: Logger = Logger(label: "prakerja.sandbox", factory: { _ in SwiftLogNoOpLogHandler() }),
        _ body: @Sendable (RunningSandbox) async throws -> Value
    ) async throws -> Value {
        let sandbox = Sandbox(configuration: configuration, logger: logger)
        return try await HTTPServerRunner.withRunning(
            sandbox.router, host: configuration.host, port: configuration.port, name: "prakerja-sandbox", logger: logger,
            onBound: { url in sandbox.state.read { $0.setBaseURL(url) } }
        ) { url in
            try await body(sandbox.running(baseURL: url))
        }
    }

    private func running(baseURL: String) -> RunningSandbox {
        RunningSandbox(baseURL: baseURL, clients: configuration.clients, clock: clock, state: state, log: log)
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
    package func logEntries(after id: Int = 0, clientCode: String? = nil) -> [SandboxLogEntry] { log.entries(after: id, clientCode: clientCode) }

    /// The production-like codes issued to an LP.
    public func issuedCodes(provider: String) async -> [IssuedRedeemCode] { state.read { $0.issuedCodes(provider: provider) } }

    /// The sandbox test codes and what each does.
    public static let testCodes: [(code: String, summary: String)] = TestCodes.scenarios.map { ($0.code, $0.scenario.summary) }

    /// A client signed as `client`, pointed at this sandbox.
    public func client(for client: SandboxClient, retryPolicy: RetryPolicy = .standard) -> PrakerjaClient {
        PrakerjaClient(
            environment: try! PrakerjaEnvironment(baseURL: baseURL), clientCode: client.code, signKey: client.signKey,
            retryPolicy: retryPolicy)
    }
}

extension SandboxStore {
    mutating func setBaseURL(_ url: String) { baseURL = url }
}
