import Foundation
import Hummingbird
import Logging
import PrakerjaModels
import PrakerjaPartners

/// Serves a `DigitalPlatformService` as the digital-platform contract of
/// `Specs/digital-platform.openapi.yaml`: listings as sold (paged), one listing with its reviews,
/// a purchase by invoice code, and the completion feed, every call verified with the program's
/// header scheme.
public struct DigitalPlatformAdapter: Sendable {
    let service: any DigitalPlatformService
    let routes: ProgramSignedRoutes

    public init(service: any DigitalPlatformService, configuration: RoleAdapterConfiguration,
                logger: Logger = Logger(label: "prakerja.digital-platform", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.service = service
        self.routes = ProgramSignedRoutes(configuration: configuration, logger: logger)
    }

    public func mount(on router: Router<BasicRequestContext>) {
        router.add(middleware: RoleErrorMiddleware())
        routes.get(router, DigitalPlatformPaths.listings, accepts: QueryParameters.paging) { call in
            try await service.listings(page: try call.query.page())
        }
        routes.get(router, "/v1/listings/{courseCode}") { call in
            let code = try call.path("courseCode")
            guard let detail = try await service.listing(courseCode: code) else { throw RoleServiceError.notFound("listing \(code)") }
            return detail
        }
        routes.get(router, "/v1/transactions/{invoiceCode}") { call in
            let code = try call.path("invoiceCode")
            guard let invoice = try await service.invoice(code: code) else { throw RoleServiceError.notFound("invoice \(code)") }
            return invoice
        }
        routes.get(router, DigitalPlatformPaths.completions, accepts: QueryParameters.paging) { call in
            try await service.completions(page: try call.query.page())
        }
    }
}
