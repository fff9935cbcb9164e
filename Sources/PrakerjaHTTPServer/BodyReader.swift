import Hummingbird
import NIOCore

/// Reads a request body with a size limit: every server in the kit refuses oversized bodies the same way.
public enum BodyReader {
    public enum Failure: Error, Sendable {
        /// Over the limit.
        case tooLarge
        /// The connection failed while reading.
        case unreadable(String)
    }

    public static func read(_ request: Request, limit: Int) async throws(Failure) -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw .tooLarge
        } catch {
            throw .unreadable("\(error)")
        }
    }
}
