import Hummingbird
import NIOCore
import PrakerjaStore

/// What the console knows of a request: who sent it (their session, if signed in), in which
/// language to answer, and from which address (sign-ins are throttled per address).
public struct ConsoleContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in person's session (nil: anonymous).
    var session: ConsoleSession?
    /// The language of the answer (the `lang` cookie; Bahasa Indonesia without one).
    var language: ConsoleLanguage = .id
    /// Who sent the request: the peer's address, or the client's as a trusted proxy forwards it.
    var address: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Who may call a route.
enum ConsoleAccess: Sendable, Equatable {
    /// Anyone, signed in or not (the sign-in page, the stylesheet, the language switch).
    case anyone
    /// A signed-in person with one of these roles.
    case roles(Set<ConsolePerson.Role>)

    /// Every signed-in person.
    static let signedIn = ConsoleAccess.roles(Set(ConsolePerson.Role.allCases))
}

/// A route of the console: its method, path and who may call it. The table of every route
/// (`ConsoleApplication.routes`) is what the authorisation tests walk: every route × every
/// role (and anonymous).
struct ConsoleRoute: Sendable, Equatable {
    let method: HTTPRequest.Method
    let path: String
    let access: ConsoleAccess
}

/// A request the console refuses, rendered as a page in the request's language (the text key)
/// with its status.
struct ConsoleRefusal: Error {
    let status: HTTPResponse.Status
    let textKey: String

    static let notFound = ConsoleRefusal(status: .notFound, textKey: "notFound")
    static let forbidden = ConsoleRefusal(status: .forbidden, textKey: "forbidden")
    static let formExpired = ConsoleRefusal(status: .forbidden, textKey: "formExpired")
    static let otherSite = ConsoleRefusal(status: .forbidden, textKey: "otherSite")
    /// A form that cannot be read: a malformed multipart body, or a field sent twice.
    static let unreadableForm = ConsoleRefusal(status: .badRequest, textKey: "formUnreadable")
}
