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

    /// A transport on the caller's `HTTPClient`; the caller owns its lifecycle. Configure it with
    /// `redirectConfiguration: .disallow`.
    public init(client: HTTPClient, maximumResponseBytes: Int = 4 << 20) {
        self.client = client
        self.maximumResponseBytes = maximumResponseBytes
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
    /// by `maximumResponseBytes`. The exchange runs on the network executor, so the time it is
    /// given is not spent waiting for a thread while other work fills Swift's shared pool.
    public func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
        var outbound = HTTPClientRequest(url: request.url)
        outbound.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outbound.headers.add(name: header.name, value: header.value) }
        outbound.body = .bytes(ByteBuffer(bytes: request.body))
        let limit = maximumResponseBytes
        let prepared = outbound
        let client = client
        do {
            let answer = try await withTaskExecutorPreference(NetworkExecutor.shared) {
                try await withDeadline(timeout) {
                    let response = try await client.execute(prepared, timeout: .nanoseconds(timeout.nanoseconds))
                    var body = try await response.body.collect(upTo: limit)
                    return TransportResponse(
                        status: Int(response.status.code),
                        headers: response.headers.map { ($0.name, $0.value) },
                        body: body.readBytes(length: body.readableBytes) ?? [])
                }
            }
            guard let answer else { throw TransportError.timeout(timeout) }
            return answer
        } catch let error as TransportError {
            throw error
        } catch let error as HTTPClientError {
            if [HTTPClientError.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) { throw .timeout(timeout) }
            if [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(error) { throw .invalidURL(request.url) }
            throw .connection(String(describing: error))
        } catch is NIOTooManyBytesError {
            throw .responseTooLarge(limit: limit)
        } catch {
            throw .connection(String(describing: error))
        }
    }
}
