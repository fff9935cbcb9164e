import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners

/// Serves a `TrainingProviderService` as the training-provider contract of
/// `Specs/training-provider.openapi.yaml`: the catalogue (paged, by method), course detail,
/// schedules, a participant's progress by redeem code, and certificate verification, every call
/// verified with the program's header scheme.
///
/// Certificate verification always answers for a well-formed number: `valid` or `revoked` for a
/// certificate the provider issued, `unknown` for any other number (a forged one included).
public struct TrainingProviderAdapter: RoleAdapter {
    let service: any TrainingProviderService
    let configuration: RoleAdapterConfiguration
    private let authenticator: ProgramSignatureAuthenticator

    public init(service: any TrainingProviderService, configuration: RoleAdapterConfiguration) {
        self.service = service
        self.configuration = configuration
        self.authenticator = configuration.authenticator()
    }

    /// Adds the contract's routes, and the middleware that verifies them, to `group`: how a
    /// partner serves the contract inside their own application, beside their own routes.
    public func addRoutes<Context: SignedRequestContext>(to group: RouterGroup<Context>) {
        let routes = RoleRoutes(group, configuration: configuration, authenticator: authenticator)
        let clock = configuration.clock
        routes.get(TrainingProviderPaths.courses, accepts: QueryParameters.paging.union(["method"])) { call in
            let method = try call.query.string("method").map { (text) throws(RoleError) in
                guard let method = LearningMethod(rawValue: text) else {
                    throw RoleError(
                        .invalidParameter, "method: must be one of \(LearningMethod.allCases.map(\.rawValue).joined(separator: ", "))",
                        field: "method")
                }
                return method
            }
            return try await service.courses(method: method, page: try call.query.page())
        }
        routes.get("/v1/courses/{code}") { call in
            let code = try call.path("code")
            guard let detail = try await service.course(code: code) else { throw RoleServiceError.notFound("course \(code)") }
            return detail
        }
        routes.get("/v1/courses/{code}/schedules") { call in
            let code = try call.path("code")
            guard let schedules = try await service.schedules(courseCode: code) else { throw RoleServiceError.notFound("course \(code)") }
            return ScheduleList(items: schedules)
        }
        routes.get("/v1/progress/{redeemCode}") { call in
            let text = try call.path("redeemCode")
            let code: RedeemCode
            do throws(FieldError) { code = try RedeemCode(text) } catch {
                throw RoleError(.invalidParameter, "redeemCode: \(error.reason)", field: "redeemCode")
            }
            guard let progress = try await service.progress(redeemCode: code, now: clock.now()) else {
                throw RoleServiceError.notFound("redeem code \(code)")
            }
            return progress
        }
        routes.get("/v1/certificates/{number}") { call in
            let number = try call.path("number")
            guard number.count <= 64, number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
                throw RoleError(.invalidParameter, "number: 1 to 64 letters, digits, dashes or dots", field: "number")
            }
            guard let certificate = try await service.certificate(number: number) else {
                return CertificateVerification(number: number, status: .unknown)
            }
            return CertificateVerification(certificate)
        }
    }
}
