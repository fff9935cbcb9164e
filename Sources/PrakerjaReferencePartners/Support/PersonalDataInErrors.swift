import Foundation
import Hummingbird
import NIOCore
import PrakerjaHTTPServer

/// The `personal-data-in-errors` defect of the program-signed reference partners: every refusal's
/// message names a person, as a partner that writes its records into errors would: the applicant
/// the request carried, or else the contact of the account the partner looked up.
struct PersonalDataInErrors: RouterMiddleware {
    typealias Context = SignedJSONContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        // The body stays in the request (BodyReader keeps it) for the adapter to read again.
        let body = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
        var response = try await ResponseRewriting.response(request, context, next)
        guard (400..<500).contains(response.status.code) else { return response }
        let applicant = ((try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any])?["applicant"] as? String
        let person = applicant.map { "applicant \($0)" } ?? "account of budi.santoso@example.id, 0812-3456-7890"
        try await ResponseRewriting.rewriteError(&response) { error in error["message"] = "\(error["message"] as? String ?? "refused") (\(person))" }
        return response
    }
}
