import Foundation
import Hummingbird
import NIOCore

/// How the reference partners' defect middlewares change a correct response into a broken one.
public enum ResponseRewriting {
    /// The response `next` gives, a refusal included: the SDK's adapters throw their refusals
    /// (errors that render themselves), which a middleware that rewrites responses must see too.
    public static func response<Context: RequestContext>(
        _ request: Request, _ context: Context,
        _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context)
        }
    }

    /// Replaces a JSON object body with `transform` of it; a body that is not a JSON object is left alone.
    public static func rewriteJSON(_ response: inout Response, _ transform: ([String: Any]) -> [String: Any]) async throws {
        guard let object = try await readJSON(&response), let rewritten = try? JSONSerialization.data(withJSONObject: transform(object)) else {
            return
        }
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: Array(rewritten)))
        response.headers[.contentLength] = nil
    }

    /// Replaces the error object of a refusal in the role error form (`{"error": {...}}`) with
    /// `transform` of it; a body without one is left alone.
    public static func rewriteError(_ response: inout Response, _ transform: @escaping (inout [String: Any]) -> Void) async throws {
        try await rewriteJSON(&response) { object in
            guard var error = object["error"] as? [String: Any] else { return object }
            transform(&error)
            var object = object
            object["error"] = error
            return object
        }
    }

    /// The response's body as a JSON object (nil if it is not one); the body is put back as it was.
    public static func readJSON(_ response: inout Response) async throws -> [String: Any]? {
        let collector = CollectingWriter()
        try await response.body.write(collector)
        let bytes = collector.bytes
        response.body = ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
    }
}

/// Collects a response body written as buffers.
struct CollectingWriter: ResponseBodyWriter {
    private let storage = Storage()
    var bytes: [UInt8] { storage.bytes }

    final class Storage: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    mutating func write(_ buffer: ByteBuffer) async throws { storage.bytes.append(contentsOf: buffer.readableBytesView) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
