import Foundation
import HTTPTypes
import Hummingbird
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The sandbox's routes: every operation of the integration API, the participant's browser pages,
/// and the `/_sandbox/` test hooks.
enum SandboxRouter {
    static func build(state: SandboxState, pipeline: EndpointPipeline, clock: SandboxClock) -> Router<BasicRequestContext> {
        let router = Router()
        let otherMethods: [HTTPRequest.Method] = [.get, .put, .patch, .delete]
        @Sendable func refuseMethod(_ request: Request) -> Response {
            pipeline.refuse(request, SandboxFailure(.methodNotAllowed, "\(request.method.rawValue) is not allowed: the integration API takes POST"))
        }
        /// Serves `operation` by running `perform` on the state, alone.
        func mount<Request, Response>(_ operation: IntegrationOperation<Request, Response>,
                                      _ perform: @escaping @Sendable (inout SandboxStore, Caller, Request) throws(SandboxFailure) -> Response) {
            router.post(RouterPath(operation.path)) { request, _ in
                await pipeline.respond(to: request, operation: operation) { caller, body throws(SandboxFailure) in
                    try state.run { (store) throws(SandboxFailure) in try perform(&store, caller, body) }
                }
            }
            for method in otherMethods {
                router.on(RouterPath(operation.path), method: method) { request, _ in refuseMethod(request) }
            }
        }
        mount(Operations.redeemStatus) { store, caller, request throws(SandboxFailure) in try store.redeemStatus(request, provider: caller.code) }
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

        router.post("/api/v1/integration/**") { request, _ in
            pipeline.refuse(request, SandboxFailure(.unknownEndpoint, "no endpoint \(request.uri.path)"))
        }
        for method in otherMethods {
            router.on("/api/v1/integration/**", method: method) { request, _ in refuseMethod(request) }
        }
        BrowserPages.mount(on: router, state: state, pipeline: pipeline)
        TestHooks.mount(on: router, state: state, log: pipeline.log, clock: clock)
        return router
    }
}
