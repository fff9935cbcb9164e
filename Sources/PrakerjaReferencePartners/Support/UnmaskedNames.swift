import Hummingbird
import PrakerjaHTTPServer

/// The `unmasked-names` defect of the reference partners that publish people's names masked
/// (`S*** R********`): every string at one of `keys`, anywhere in a successful answer, is spelled
/// out instead (`Saaa Raaaaaaaa`): a platform's reviewers and participants, a provider's
/// certificate holders.
struct UnmaskedNames: RouterMiddleware {
    typealias Context = SignedJSONContext
    let keys: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await ResponseRewriting.response(request, context, next)
        guard response.status == .ok else { return response }
        try await ResponseRewriting.rewriteJSON(&response) { unmasked($0) as? [String: Any] ?? $0 }
        return response
    }

    private func unmasked(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]:
            Dictionary(
                uniqueKeysWithValues: object.map { key, value in
                    (key, keys.contains(key) ? (value as? String).map { String($0.map { $0 == "*" ? "a" : $0 }) } ?? value : unmasked(value))
                })
        case let array as [Any]: array.map(unmasked)
        default: value
        }
    }
}
