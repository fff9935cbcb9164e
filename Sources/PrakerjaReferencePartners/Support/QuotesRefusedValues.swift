import Hummingbird
import PrakerjaHTTPServer

/// The `quotes-refused-values` defect of the program-signed reference partners: a refusal of a
/// query parameter quotes the value it was sent (`unknown query parameter nik=3273014508950001`),
/// as a partner that writes what it could not read into its errors would.
struct QuotesRefusedValues: RouterMiddleware {
    typealias Context = SignedJSONContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard response.status == .badRequest else { return response }
        let sent = (request.uri.query ?? "").split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        try await ResponseRewriting.rewriteError(&response) { error in
            guard let field = error["field"] as? String, let pair = sent.first(where: { $0.first == field && $0.count == 2 }) else { return }
            error["message"] = "\(error["message"] as? String ?? "refused"): \(field)=\(pair[1].removingPercentEncoding ?? pair[1])"
        }
        return response
    }
}
