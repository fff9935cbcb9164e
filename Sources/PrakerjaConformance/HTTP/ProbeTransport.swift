import AsyncHTTPClient
import Foundation
import NIOSSL
import PrakerjaClient
import Synchronization

/// The kit's HTTP transport: every request a check makes, through a typed client or raw, goes
/// through it. It refuses any host but the partner's, spaces requests by the partner's rate limit,
/// bounds each exchange in time and size, retries transient faults of safe requests only, and
/// records every attempt, redacted, as evidence of the running check (`ExchangeLog.current`).
///
/// Redirects are never followed (the client is configured with redirects disallowed): a 3xx is
/// what the check sees.
public struct ProbeTransport: PrakerjaTransport {
    /// The limits of one run against one partner.
    public struct Limits: Sendable {
        public var requestTimeout: Duration
        public var maximumResponseBytes: Int
        public var requestsPerSecond: Double
        /// Extra attempts for a GET that met a transient fault (connection failure or timeout).
        public var retries: Int

        public init(requestTimeout: Duration = .seconds(10), maximumResponseBytes: Int = 4 << 20, requestsPerSecond: Double = 50, retries: Int = 2) {
            self.requestTimeout = requestTimeout
            self.maximumResponseBytes = maximumResponseBytes
            self.requestsPerSecond = requestsPerSecond
            self.retries = retries
        }
    }

    public let host: String
    public let limits: Limits
    private let inner: AsyncHTTPClientTransport
    private let limiter: RateLimiter

    /// A transport for the partner at `baseURL`.
    public init(baseURL: String, limits: Limits, client: HTTPClient = ProbeTransport.sharedClient) {
        self.host = URLComponents(string: baseURL)?.host?.lowercased() ?? ""
        self.limits = limits
        self.inner = AsyncHTTPClientTransport(client: client, maximumResponseBytes: limits.maximumResponseBytes)
        self.limiter = RateLimiter(requestsPerSecond: limits.requestsPerSecond)
    }

    /// The transport for `config`'s partner: its limits, and its `tls.trustRoots` trusted.
    public init(config: PartnerConfig) {
        self.init(baseURL: config.baseURL, limits: config.limits, client: Self.client(trusting: config.tls.trustRootsPEM))
    }

    /// One client for the process, with redirects disallowed and no transparent decompression.
    public static let sharedClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: AsyncHTTPClientTransport.recommendedConfiguration)

    private static let trustingClients = Mutex<[String: HTTPClient]>([:])

    /// The shared client, or (for extra trusted roots, PEM) a client configured alike that also
    /// trusts them: one per set of roots, for the process.
    public static func client(trusting trustRootsPEM: String?) -> HTTPClient {
        guard let trustRootsPEM, let roots = try? NIOSSLCertificate.fromPEMBytes(Array(trustRootsPEM.utf8)), !roots.isEmpty else {
            return sharedClient
        }
        return trustingClients.withLock { clients in
            if let client = clients[trustRootsPEM] { return client }
            var configuration = AsyncHTTPClientTransport.recommendedConfiguration
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(roots)]
            configuration.tlsConfiguration = tls
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[trustRootsPEM] = client
            return client
        }
    }

    public func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
        guard URLComponents(string: request.url)?.host?.lowercased() == host else {
            throw .invalidURL("\(request.url): the kit calls only the partner's host \(host)")
        }
        let bounded = min(timeout, limits.requestTimeout)
        let safe = ["GET", "HEAD"].contains(request.method.uppercased())
        var attempt = 1
        while true {
            do { try await limiter.wait() } catch { throw .connection("cancelled") }
            let started = Date(), clock = ContinuousClock.now
            do {
                let response = try await inner.send(request, timeout: bounded)
                record(request, response: response, error: nil, started: started, since: clock, attempt: attempt)
                return response
            } catch {
                record(request, response: nil, error: error, started: started, since: clock, attempt: attempt)
                let transient = error.isConnectionFailure || error.isTimeout
                guard safe, transient, attempt <= limits.retries, !Task.isCancelled else { throw error }
                try? await Task.sleep(for: .milliseconds(200 * attempt))
                attempt += 1
            }
        }
    }

    private func record(
        _ request: TransportRequest, response: TransportResponse?, error: TransportError?, started: Date,
        since clock: ContinuousClock.Instant, attempt: Int
    ) {
        guard let log = ExchangeLog.current else { return }
        let elapsed = ContinuousClock.now - clock
        log.append(
            HTTPExchange(
                method: request.method, url: request.url, requestHeaders: Redaction.headers(request.headers),
                requestBody: Redaction.body(request.body),
                status: response?.status, responseHeaders: Redaction.headers(response?.headers ?? []),
                responseBody: Redaction.body(response?.body ?? []),
                error: error?.description, startedAt: started,
                milliseconds: elapsed.milliseconds, attempt: attempt),
            answering: request, with: response)
    }
}
