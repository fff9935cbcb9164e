import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners

/// A refusal in SNAP's form (`responseCode`, `responseMessage`): an outcome and the detail its
/// message names. The 7-digit code carries the service of the path it answers, so the error
/// writes itself when it is rendered, from the request's path.
struct SNAPError: Error, Sendable {
    let outcome: SNAPOutcome
    let detail: String?

    init(_ outcome: SNAPOutcome, _ detail: String? = nil) {
        self.outcome = outcome
        self.detail = detail
    }

    /// SNAP's message for the outcome, followed by what was wrong.
    var message: String {
        guard let detail else { return outcome.message }
        return outcome == .unauthorized ? "\(outcome.message). \(detail)" : "\(outcome.message) \(detail)"
    }

    /// The 7-digit code for `path`'s service.
    func responseCode(path: String) -> String {
        guard let service = PaymentPartnerAdapter.service(answering: path) else { return "\(outcome.httpStatus)00\(outcome.caseCode)" }
        return SNAPResponseCode(outcome, service: service).description
    }
}

extension SNAPError: ContractError {
    var status: HTTPResponse.Status { HTTPResponse.Status(code: outcome.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, body(responseCode: responseCode(path: request.uri.path)))
    }

    /// The body with no service known (the form is the same; only the code's middle digits differ).
    var encodedBody: [UInt8] { body(responseCode: responseCode(path: "")) }

    private func body(responseCode: String) -> [UInt8] {
        (try? StreamingJSONEncoder().encode(SNAPFailure(responseCode: responseCode, responseMessage: message))) ?? []
    }

    static func bodyTooLarge(limit: Int) -> SNAPError { SNAPError(.bodyTooLarge, "the body is over \(limit) bytes") }

    static func unreadableBody(_ reason: String) -> SNAPError { SNAPError(.invalidFieldFormat, "body") }

    static func unauthenticated(_ failure: AuthenticationFailure) -> SNAPError {
        switch failure.reason {
        case .missingMandatoryHeader(let name): return SNAPError(.invalidMandatoryField, name)
        case .malformedHeader(let name): return SNAPError(.invalidFieldFormat, name)
        case .invalidToken: return SNAPError(.invalidToken)
        case .signature(let error):
            if error.code == .duplicateExternalID { return SNAPError(.conflict, error.description) }
            if let syntax = error.jsonSyntax { return SNAPError(.badRequest, "body: not JSON at byte \(syntax.offset): \(syntax.reason)") }
            return SNAPError(.unauthorized, error.description)
        }
    }

    /// A missing field is 400xx02 naming it; a key repeated is 400xx00; any other field or body
    /// that does not decode is 400xx01.
    static func undecodableBody(_ error: any Error) -> SNAPError {
        if let duplicate = error as? DuplicateKeyError { return SNAPError(.badRequest, "body: \(duplicate)") }
        guard let error = error as? DecodingError else { return SNAPError(.invalidFieldFormat, "body") }
        let field = FieldError(error)
        switch error {
        case .keyNotFound, .valueNotFound: return SNAPError(.invalidMandatoryField, field.field)
        default: return SNAPError(.invalidFieldFormat, field.field.isEmpty ? "body" : field.field)
        }
    }

    static func noSuchRoute(method: String, path: String) -> SNAPError { SNAPError(.invalidFieldFormat, "no such route: \(method) \(path)") }

    static func answering(_ error: any Error) -> SNAPError {
        switch error {
        case let error as SNAPError: error
        case let refusal as DisbursementRefusal: SNAPError(refusal.outcome, refusal.description)
        // The detail stays in the log (`ContractError.answer`): a response names no internals.
        default: SNAPError(.generalError)
        }
    }
}
