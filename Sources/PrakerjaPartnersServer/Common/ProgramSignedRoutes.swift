import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// The request pipeline shared by the role adapters that verify the program's header scheme.
///
/// For every route: read the body up to the limit (`body_too_large`), verify `client_code`,
/// `timestamp` and `signature` over the method, the request target as sent (path and query) and
/// the body bytes, refuse replays, parse the query strictly, decode the body, run the handler, and
/// answer JSON, or the contract's error form with a specific code. A handler's `RoleServiceError`
/// becomes its 404/400/409; anything else it throws is a logged `internal_error`, never a crash.
public struct ProgramSignedRoutes: Sendable {
    let configuration: RoleAdapterConfiguration
    let logger: Logger
    private let policy: VerificationPolicy
    private let signers: [String: ProgramSignature]

    public init(configuration: RoleAdapterConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.policy = VerificationPolicy(window: configuration.window, clock: configuration.clock,
                                         replayGuard: ReplayGuard(capacity: configuration.replayCapacity))
        self.signers = Dictionary(configuration.clients.map { ($0.clientCode, ProgramSignature(clientCode: $0.clientCode, signKey: $0.signKey)) },
                                  uniquingKeysWith: { $1 })
    }

    /// What a handler gets besides the body: who called, the query and the path parameters.
    public struct Call: Sendable {
        public let clientCode: String
        public let query: QueryParameters
        let parameters: Parameters

        /// A path parameter (`{id}` in the route), percent-decoded and checked as an identifier.
        public func path(_ name: String) throws(RoleError) -> String {
            guard let raw = parameters.get(name), let value = raw.removingPercentEncoding, !value.isEmpty,
                  value.utf8.count <= 100, !value.contains(where: { $0.isNewline || $0 == "/" })
            else { throw RoleError(.invalidParameter, "\(name): not a valid identifier", field: name) }
            return value
        }
    }

    /// Adds `GET path` with the query parameters it `accepts`.
    public func get<Result: Encodable & Sendable>(_ router: Router<BasicRequestContext>, _ path: String, accepts: Set<String> = [],
                                                  _ handler: @escaping @Sendable (Call) async throws -> Result) {
        router.get(RouterPath(path)) { request, context in
            await respond(request, context, accepts: accepts) { call, _ in (200, try await handler(call)) }
        }
    }

    /// Adds `POST path` whose JSON body decodes as `Body`; the handler chooses the success status (200 or 201).
    public func post<Body: Decodable & Sendable, Result: Encodable & Sendable>(
        _ router: Router<BasicRequestContext>, _ path: String, _ body: Body.Type,
        _ handler: @escaping @Sendable (Body, Call) async throws -> (status: Int, result: Result)
    ) {
        router.post(RouterPath(path)) { request, context in
            await respond(request, context, accepts: []) { call, bytes in
                let decoded: Body
                do { decoded = try CompactJSONDecoder(refusesNullForOptionals: true).decode(Body.self, from: bytes) } catch let error as DecodingError {
                    throw RoleError(error)
                } catch {
                    throw RoleError(.malformedJSON, "the body is not JSON")
                }
                return try await handler(decoded, call)
            }
        }
    }

    private func respond<Result: Encodable>(_ request: Request, _ context: BasicRequestContext, accepts: Set<String>,
                                            _ work: (Call, [UInt8]) async throws -> (status: Int, result: Result)) async -> Response {
        do {
            let body: [UInt8]
            do {
                body = try await BodyReader.read(request, limit: configuration.maximumBodyBytes)
            } catch .tooLarge {
                throw RoleError(.bodyTooLarge, "the body is over \(configuration.maximumBodyBytes) bytes")
            } catch {
                throw RoleError(.malformedJSON, "the body could not be read")
            }
            let target = request.head.path ?? request.uri.description
            let clientCode: String
            do throws(SignatureError) {
                clientCode = try ProgramSignature.verify(
                    clientCode: request.headers[Self.clientCode], timestamp: request.headers[Self.timestamp],
                    signature: request.headers[Self.signature], method: request.method.rawValue, path: target, body: body,
                    policy: policy, signer: { signers[$0] })
            } catch {
                throw RoleError(error)
            }
            let query = try QueryParameters(request.uri.query, accepting: accepts)
            let (status, result) = try await work(Call(clientCode: clientCode, query: query, parameters: context.parameters), body)
            return Self.json(status, try StreamingJSONEncoder().encode(result))
        } catch {
            return refusal(error, request)
        }
    }

    /// The error form for anything a request's handling threw.
    func refusal(_ error: any Error, _ request: Request) -> Response {
        let refusal: RoleError
        switch error {
        case let error as RoleError: refusal = error
        case let error as RoleServiceError: refusal = RoleError(error)
        default:
            logger.error("role adapter failure", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            refusal = RoleError(.internalError, "the partner failed; nothing is known to have changed")
        }
        return Self.errorResponse(refusal)
    }

    static func errorResponse(_ error: RoleError) -> Response {
        json(error.code.httpStatus, (try? StreamingJSONEncoder().encode(error.body)) ?? Array(#"{"error":{"code":"internal_error","message":"encoding failed"}}"#.utf8))
    }

    static func json(_ status: Int, _ body: [UInt8]) -> Response {
        Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static let clientCode = HTTPField.Name(ProgramSignature.clientCodeHeader)!
    static let timestamp = HTTPField.Name(ProgramSignature.timestampHeader)!
    static let signature = HTTPField.Name(ProgramSignature.signatureHeader)!
}

/// Answers routes the contract does not have (an unknown path, or a known path with another
/// method) in the contract's error form rather than the framework's.
public struct RoleErrorMiddleware: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: BasicRequestContext,
                       next: (Request, BasicRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let code: RoleErrorCode = switch error.status.code {
            case 404, 405: .notFound
            case 413: .bodyTooLarge
            case 400..<500: .invalidParameter
            default: .internalError
            }
            return ProgramSignedRoutes.errorResponse(RoleError(code, code == .notFound ? "no such route: \(request.method.rawValue) \(request.uri.path)"
                                                               : error.body ?? "\(error.status)"))
        }
    }
}
