import Foundation
import Hummingbird
import PrakerjaHTTPServer

/// The `null-field-in-refusals` defect of the program-signed reference partners: every refusal
/// of a call's authentication (401) carries `"field": null`, where the error form's `field` is a
/// string when present, as a serializer that writes every member, empty or not, would. Only the
/// checks that provoke refusals see it, so only a schema check that judges every answer of the
/// run catches it.
struct NullFieldInRefusals: RouterMiddleware {
    typealias Context = SignedJSONContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard response.status == .unauthorized else { return response }
        try await ResponseRewriting.rewriteError(&response) { error in if error["field"] == nil { error["field"] = NSNull() } }
        return response
    }
}
