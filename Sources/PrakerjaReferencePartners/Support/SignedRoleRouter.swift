import Hummingbird
import PrakerjaHTTPServer
import PrakerjaPartnersServer

/// The router of a reference partner of a role the program signs its calls to (training
/// provider, digital platform, job portal): the switches every such partner has around the SDK's
/// adapter (which stays correct), the role's own defect middleware, then the adapter.
enum SignedRoleRouter {
    /// The defect switches every program-signed reference partner has.
    struct CommonDefects {
        var slowAnswers = false
        var serverErrorOnBadInput = false
        var unauthenticatedAccess = false
        var acceptsReplayedRequest = false
        var frameworkNotFound = false
        var personalDataInErrors = false
    }

    static func make(
        _ adapter: some RoleAdapter, defects: CommonDefects,
        roleDefects: [any MiddlewareProtocol<Request, Response, SignedJSONContext>] = []
    ) -> Router<SignedJSONContext> {
        let router = Router(context: SignedJSONContext.self)
        if defects.slowAnswers { router.add(middleware: SlowAnswers()) }
        if defects.serverErrorOnBadInput { router.add(middleware: ServerErrorOnBadInput.roleErrorForm) }
        if defects.frameworkNotFound { router.add(middleware: FrameworkNotFound()) }
        if defects.personalDataInErrors { router.add(middleware: PersonalDataInErrors()) }
        for middleware in roleDefects { router.add(middleware: middleware) }
        let resigning = ProgramReSigning<SignedJSONContext>.rules(
            unauthenticated: defects.unauthenticatedAccess, replays: defects.acceptsReplayedRequest)
        if !resigning.isEmpty { router.add(middleware: ProgramReSigning(resigning)) }
        adapter.mount(on: router)
        return router
    }
}
