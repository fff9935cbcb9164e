import Hummingbird
import NIOCore
import PrakerjaModels

/// The one way the kit's servers answer with JSON.
package enum JSONResponse {
    /// A response with `status` and `body` as `application/json`.
    package static func make(_ status: HTTPResponse.Status, _ body: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `value` encoded as the kit encodes every JSON body, or the contract's internal error if it cannot be.
    package static func encode<Failure: ContractError>(
        _ status: HTTPResponse.Status, _ value: some Encodable,
        failing: Failure.Type
    ) throws(Failure) -> Response {
        do {
            return make(status, try StreamingJSONEncoder().encode(value))
        } catch {
            throw Failure.answering(error)
        }
    }
}
