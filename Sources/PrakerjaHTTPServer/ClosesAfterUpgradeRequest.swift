import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes

/// Closes a connection once it has answered a request that asked to switch protocols (`Upgrade:
/// h2c`, which Java's `HttpClient` sends with its first request over plain HTTP). The kit's servers
/// do not switch, which HTTP allows (RFC 9110, 7.8), but NIO's HTTP/1 decoder stops reading a
/// connection after an upgrade request, so a connection kept open would never answer the client's
/// next request on it. The answer says `Connection: close`, and the client opens a new connection.
final class ClosesAfterUpgradeRequest: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var closing = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let head) = unwrapInboundIn(data), head.headerFields[.upgrade] != nil { closing = true }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard closing else { return context.write(data, promise: promise) }
        switch unwrapOutboundIn(data) {
        case .head(var head):
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.writeAndFlush(data, promise: promise)
            context.close(promise: nil)
        }
    }
}

extension HTTP1Channel.Configuration {
    /// The kit's HTTP/1 servers: a connection that asked to upgrade is closed after its answer.
    static func kit(idleTimeout: TimeAmount? = nil) -> Self {
        .init(additionalChannelHandlers: [ClosesAfterUpgradeRequest()], idleTimeout: idleTimeout)
    }
}
