import Foundation
import Hummingbird
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaPartners

/// Serves a `DigitalPlatformService` as the digital-platform contract of
/// `Specs/digital-platform.openapi.yaml`: listings as sold (paged), one listing with its reviews,
/// a purchase by invoice code, and the completion feed, every call verified with the program's
/// header scheme.
public struct DigitalPlatformAdapter: RoleAdapter {
    let service: any DigitalPlatformService
    let configuration: RoleAdapterConfiguration
    private let authenticator: ProgramSignatureAuthenticator

    public init(service: any DigitalPlatformService, configuration: RoleAdapterConfiguration) {
        self.service = service
        self.configuration = configuration
        self.authenticator = configuration.authenticator()
    }

    /// Adds the contract's routes, and the middleware that verifies them, to `group`: how a
    /// partner serves the contract inside their own application, beside their own routes.
    public func addRoutes<Context: SignedRequestContext>(to group: RouterGroup<Context>) {
        let routes = RoleRoutes(group, configuration: configuration, authenticator: authenticator)
        routes.get(DigitalPlatformPaths.listings, accepts: QueryParameters.paging) { call in
            try await service.listings(page: try call.query.page())
        }
        routes.get("/v1/listings/{courseCode}") { call in
            let code = try call.path("courseCode")
            guard let detail = try await service.listing(courseCode: code) else { throw RoleServiceError.notFound("listing \(code)") }
            return detail
        }
        routes.get("/v1/transactions/{invoiceCode}") { call in
            let code = try call.path("invoiceCode")
            guard let invoice = try await service.invoice(code: code) else { throw RoleServiceError.notFound("invoice \(code)") }
            return invoice
        }
        routes.get(DigitalPlatformPaths.completions, accepts: QueryParameters.paging) { call in
            try await service.completions(page: try call.query.page())
        }
    }
}
