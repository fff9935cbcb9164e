import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PrakerjaModels

/// The default transport, on AsyncHTTPClient: redirects are never followed and response bodies
/// are bounded.
public struct AsyncHTTPClientTransport: PrakerjaTransport {
    let client: HTTPClient
    /// Responses larger than this fail with `.responseTooLarge`.
    public let maximumResponseBytes: Int
    /// The client's event loops, one of which each host's exchanges prefer.
    private let loops: [any EventLoop]

    /// A transport on the caller's `HTTPClient`; the caller owns its lifecycle. Configure it with
    /// `redirectConfiguration: .disallow`.
    public init(client: HTTPClient, maximumResponseBytes: Int = 4 << 20) {
        self.client = client
        self.maximumResponseBytes = maximumResponseBytes
        self.loops = Array(client.eventLoopGroup.makeIterator())
    }

    /// The loop an exchange with `host` prefers: always the same one for a host, so the exchange's
    /// callbacks run on the loop of the connection it reuses. (Left to AsyncHTTPClient, each
    /// exchange's callbacks run on the next loop in turn and hop to and from the connection's
    /// loop: two thread wake-ups a call, a third of a loopback call's time.)
    private func loop(for host: String) -> any EventLoop {
        loops.count == 1 ? loops[0] : loops[Int(UInt(bitPattern: host.hashValue) % UInt(loops.count))]
    }

    /// A process-wide transport with redirects disallowed; it lives as long as the process.
    public static let shared = AsyncHTTPClientTransport(
        client: HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: recommendedConfiguration))

    /// Redirects never followed, no transparent decompression, a refused connection reported at
    /// once (the client's retry policy decides about retrying, not the connection pool), and a
    /// body that stalls for 30 seconds abandoned.
    public static var recommendedConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)), decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The timeout bounds the whole exchange, the body included: a server that sends its answer a
    /// byte at a time, or never ends it, is abandoned when the time is up. The body is also bounded
    /// by `maximumResponseBytes`. The deadline and the body are kept on the connection's event loop
    /// (`ResponseCollector`), so an answer that arrived in time counts as in time even when Swift's
    /// shared pool is too busy to take it at once; the caller's task is not moved to another thread.
    public func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
        let limit = maximumResponseBytes
        do {
            var headers = HTTPHeaders()
            headers.reserveCapacity(request.headers.count)
            for header in request.headers { headers.add(name: header.name, value: header.value) }
            let outbound = try HTTPClient.Request(
                url: request.url, method: HTTPMethod(rawValue: request.method), headers: headers, body: .byteBuffer(ByteBuffer(bytes: request.body)))
            let exchange = client.execute(
                request: outbound, delegate: ResponseCollector(limit: limit), eventLoop: .delegate(on: loop(for: outbound.host)),
                deadline: .now() + .nanoseconds(timeout.nanoseconds))
            return try await withTaskCancellationHandler {
                try await exchange.futureResult.get()
            } onCancel: {
                exchange.cancel()
            }
        } catch let error as HTTPClientError {
            if [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) { throw .timeout(timeout) }
            if [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(error) { throw .invalidURL(request.url) }
            throw .connection(String(describing: error))
        } catch is ResponseCollector.TooLarge {
            throw .responseTooLarge(limit: limit)
        } catch {
            throw .connection(String(describing: error))
        }
    }
}

/// A response gathered on its connection's event loop: the head, then the body up to `limit`
/// bytes (a larger one fails the exchange with `TooLarge` as soon as it passes the limit).
private final class ResponseCollector: HTTPClientResponseDelegate, @unchecked Sendable {
    struct TooLarge: Error {}
    typealias Response = TransportResponse

    private let limit: Int
    // Touched only on the exchange's event loop, one callback at a time.
    private var head: HTTPResponseHead?
    private var body: [UInt8] = []

    init(limit: Int) { self.limit = limit }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        self.head = head
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        guard body.count + buffer.readableBytes <= limit else { return task.eventLoop.makeFailedFuture(TooLarge()) }
        body.append(contentsOf: buffer.readableBytesView)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        guard let head else { throw HTTPClientError.remoteConnectionClosed }
        return TransportResponse(status: Int(head.status.code), headers: head.headers.map { ($0.name, $0.value) }, body: body)
    }
}
