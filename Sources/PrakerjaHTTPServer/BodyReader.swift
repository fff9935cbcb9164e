import Hummingbird
import NIOCore

/// Reads a request body with a size limit, the one way every server in the kit does: the body is
/// kept in the request, so a later step can read it again.
package enum BodyReader {
    package enum Failure: Error, Sendable {
        /// Over the limit.
        case tooLarge
        /// The connection failed while reading.
        case unreadable(String)
    }

    package static func read(_ request: inout Request, limit: Int) async throws(Failure) -> [UInt8] {
        do {
            var buffer = try await request.collectBody(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch {
            throw .unreadable("\(error)")
        }
    }
}
