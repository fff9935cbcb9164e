import Foundation
import Hummingbird
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

/// Who made a verified call.
struct Caller: Sendable {
    let code: String
    let role: ClientRole
    /// The raw `Authorization` header (payments send their token in it).
    let authorization: String?
    let context: SandboxContext

    /// Records, for the call log, what the sandbox accepted beyond the documented form.
    func tolerate(_ tolerance: SandboxLogEntry.Tolerance) { context.tolerate([tolerance]) }
}

/// The sandbox's routes: every operation of the integration API, the participant's browser pages,
/// and the `/_sandbox/` test hooks.
///
/// Every call of the integration API goes the program's way, each step one middleware: recorded
/// in the call log, the body read (at most the configured limit), the signature verified (window,
/// replay), then the role checked, the request decoded and the operation run on the state, alone.
/// A refusal at any step changes no state.
enum SandboxRouter {
    static func build(
        state: SandboxState, clients: [String: SandboxClient], policy: VerificationPolicy, maximumBodyBytes: Int,
        log: CallLog, clock: SandboxClock
    ) -> Router<SandboxContext> {
        let router = Router(context: SandboxContext.self)
        let logged = router.group().add(middleware: CallLogMiddleware(log: log))
        let signed = logged.group().add(
            middleware: SignedRequestMiddleware<SandboxContext, SandboxFailure>(
                limit: maximumBodyBytes,
                authenticator: ProgramSignatureAuthenticator(
                    keys: clients.mapValues(\.signKey), policy: policy, target: .path, lenient: true),
                failure: SandboxFailure.self))
        let otherMethods: [HTTPRequest.Method] = [.get, .put, .patch, .delete]
        func refuse(_ path: RouterPath) {
            logged.post(path) { request, _ -> Response in throw SandboxFailure.noSuchRoute(method: "POST", path: request.uri.path) }
            for method in otherMethods {
                logged.on(path, method: method) { request, _ -> Response in
                    throw SandboxFailure.noSuchRoute(method: request.method.rawValue, path: request.uri.path)
                }
            }
        }
        /// Serves `operation` by running `perform` on the state, alone, with the body decoded as
        /// `Body` (the operation's request, or the looser form the program also accepts).
        func serve<Request, Body: Decodable & Sendable, Response>(
            _ operation: IntegrationOperation<Request, Response>, decoding _: Body.Type,
            _ perform: @escaping @Sendable (inout SandboxStore, Caller, Body) throws(SandboxFailure) -> Response
        ) {
            signed.post(RouterPath(operation.path)) { request, context in
                guard let code = context.caller, let client = clients[code] else { throw SandboxFailure.internalError }
                guard client.role == operation.role else {
                    let allowed = operation.role == .lp ? "training institutions (lp)" : "digital platforms (dp)"
                    throw SandboxFailure(.roleNotAllowed, "\(operation.id) is for \(allowed); \(code) is \(client.role.rawValue)")
                }
                let caller = Caller(code: code, role: client.role, authorization: request.headers.value(.authorization), context: context)
                let body = try context.decodeBody(Body.self, refusesNullForOptionals: false, failure: SandboxFailure.self)
                let result = try state.run { (store) throws(SandboxFailure) in try perform(&store, caller, body) }
                let bytes: [UInt8]
                do { bytes = try StreamingJSONEncoder().encode(SuccessEnvelope(message: "OK", data: result)) } catch {
                    throw SandboxFailure.internalError
                }
                context.exchange.state.withLock { $0.responseBody = bytes }
                return JSONResponse.make(.ok, bytes)
            }
            for method in otherMethods {
                logged.on(RouterPath(operation.path), method: method) { request, _ -> Hummingbird.Response in
                    throw SandboxFailure.noSuchRoute(method: request.method.rawValue, path: request.uri.path)
                }
            }
        }
        /// Serves `operation` with its own request type.
        func mount<Request, Response>(
            _ operation: IntegrationOperation<Request, Response>,
            _ perform: @escaping @Sendable (inout SandboxStore, Caller, Request) throws(SandboxFailure) -> Response
        ) {
            serve(operation, decoding: Request.self, perform)
        }
        serve(Operations.redeemStatus, decoding: StatusCall.self) { store, caller, call throws(SandboxFailure) in
            let status = try store.redeemStatus(call, provider: caller.code)
            if call.sequence == nil { caller.tolerate(.sequenceMissing(answered: status.sequence)) }
            return status
        }
        mount(Operations.commitRedeem) { store, caller, request throws(SandboxFailure) in try store.commit(request, provider: caller.code) }
        mount(Operations.resetTestCode) { store, caller, request throws(SandboxFailure) in try store.reset(request, provider: caller.code) }
        mount(Operations.attendanceURL) { store, caller, request throws(SandboxFailure) in try store.attendanceURL(request, provider: caller.code) }
        mount(Operations.submitTask) { store, caller, request throws(SandboxFailure) in try store.submitTask(request, provider: caller.code) }
        mount(Operations.taskStatus) { store, caller, request throws(SandboxFailure) in try store.taskStatus(request, provider: caller.code) }
        mount(Operations.sendTaskFeedback) { store, caller, request throws(SandboxFailure) in try store.sendFeedback(request, provider: caller.code) }
        mount(Operations.checkQuota) { store, _, request throws(SandboxFailure) in try store.quota(request) }
        mount(Operations.sendPaymentOTP) { store, caller, request throws(SandboxFailure) in try store.sendOTP(request, platform: caller.code) }
        mount(Operations.authorizePayment) { store, caller, request throws(SandboxFailure) in
            try store.authorize(request, authorization: caller.authorization, platform: caller.code)
        }
        mount(Operations.paymentStatus) { store, caller, request throws(SandboxFailure) in try store.paymentStatus(request, platform: caller.code) }
        mount(Operations.voidPayment) { store, caller, request throws(SandboxFailure) in try store.void(request, platform: caller.code) }
        mount(Operations.exchangeSSOCode) { store, caller, request throws(SandboxFailure) in try store.exchange(request, platform: caller.code) }
        mount(Operations.userProfile) { store, caller, request throws(SandboxFailure) in try store.profile(request, platform: caller.code) }
        refuse("/api/v1/integration/**")

        BrowserPages.mount(on: router, state: state, clients: clients, log: log)
        TestHooks.mount(on: router, state: state, log: log, clock: clock)
        return router
    }
}
