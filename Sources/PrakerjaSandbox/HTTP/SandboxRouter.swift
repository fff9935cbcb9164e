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
        func mount<Request, Response>(_ operation: IntegrationOperation<Request, Response>,
                                      _ perform: @escaping @Sendable (Caller, Request) async throws(SandboxFailure) -> Response) {
            router.post(RouterPath(operation.path)) { request, _ in
                await pipeline.respond(to: request, operation: operation, perform: perform)
            }
            for method in otherMethods {
                router.on(RouterPath(operation.path), method: method) { request, _ in refuseMethod(request) }
            }
        }
        mount(Operations.redeemStatus) { caller, request throws(SandboxFailure) in try await state.redeemStatus(request, provider: caller.code) }
        mount(Operations.commitRedeem) { caller, request throws(SandboxFailure) in try await state.commit(request, provider: caller.code) }
        mount(Operations.resetTestCode) { caller, request throws(SandboxFailure) in try await state.reset(request, provider: caller.code) }
        mount(Operations.attendanceURL) { caller, request throws(SandboxFailure) in try await state.attendanceURL(request, provider: caller.code) }
        mount(Operations.submitTask) { caller, request throws(SandboxFailure) in try await state.submitTask(request, provider: caller.code) }
        mount(Operations.taskStatus) { caller, request throws(SandboxFailure) in try await state.taskStatus(request, provider: caller.code) }
        mount(Operations.sendTaskFeedback) { caller, request throws(SandboxFailure) in try await state.sendFeedback(request, provider: caller.code) }
        mount(Operations.checkQuota) { _, request throws(SandboxFailure) in try await state.quota(request) }
        mount(Operations.sendPaymentOTP) { caller, request throws(SandboxFailure) in try await state.sendOTP(request, platform: caller.code) }
        mount(Operations.authorizePayment) { caller, request throws(SandboxFailure) in
            try await state.authorize(request, authorization: caller.authorization, platform: caller.code)
        }
        mount(Operations.paymentStatus) { caller, request throws(SandboxFailure) in try await state.paymentStatus(request, platform: caller.code) }
        mount(Operations.voidPayment) { caller, request throws(SandboxFailure) in try await state.void(request, platform: caller.code) }
        mount(Operations.exchangeSSOCode) { caller, request throws(SandboxFailure) in try await state.exchange(request, platform: caller.code) }
        mount(Operations.userProfile) { caller, request throws(SandboxFailure) in try await state.profile(request, platform: caller.code) }

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
