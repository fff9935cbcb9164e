import Hummingbird
import Logging
import NIOCore
import NIOEmbedded

/// A router answering in this process, without a server or a socket: each request goes through
/// the same routes, middleware and handlers as over HTTP, only not through NIO's channel. For
/// counting a request path's instructions (callgrind cannot run NIO's threads on this machine).
public struct InProcessResponder: Sendable {
    private let answer: @Sendable (Request) async throws -> Response

    public init<Context: RequestContext>(_ router: Router<Context>) where Context.Source == ApplicationRequestContextSource {
        let responder = router.buildResponder()
        let channel = NIOAsyncTestingChannel(), logger = Logger(label: "in-process", factory: { _ in SwiftLogNoOpLogHandler() })
        answer = { request in
            try await responder.respond(to: request, context: Context(source: ApplicationRequestContextSource(channel: channel, logger: logger)))
        }
    }

    /// The response to `request`, with its body collected.
    public func respond(to request: Request) async throws -> (status: HTTPResponse.Status, body: [UInt8]) {
        let response = try await answer(request)
        let collector = BodyCollector()
        try await response.body.write(collector)
        return (response.status, collector.bytes)
    }
}

/// Keeps what a response body writes.
private final class BodyCollector: ResponseBodyWriter {
    var bytes: [UInt8] = []

    func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
