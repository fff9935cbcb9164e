import Hummingbird
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaSigning
import Synchronization

/// The sandbox's request context: the signed-request context, whose body and caller are also
/// kept where the call log reads them after the request, whichever step refused it.
package struct SandboxContext: SignedRequestContext {
    package var coreContext: CoreRequestContextStorage
    let exchange = CallExchange()

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
    }

    package var requestBody: [UInt8] {
        get { exchange.state.withLock { $0.requestBody } }
        nonmutating set { exchange.state.withLock { $0.requestBody = newValue } }
    }

    package var caller: String? {
        get { exchange.state.withLock { $0.caller } }
        nonmutating set { exchange.state.withLock { $0.caller = newValue } }
    }

    package var signatureTolerances: [SignatureTolerance] {
        get { [] }
        nonmutating set { tolerate(newValue.map { .init(code: $0.code, detail: $0.detail, fix: $0.fix) }) }
    }

    /// Records what the sandbox accepted beyond the documented form, for the call log.
    func tolerate(_ tolerances: [SandboxLogEntry.Tolerance]) {
        exchange.state.withLock { $0.tolerated += tolerances }
    }
}

/// What one call brought and got, shared by every copy of its context.
final class CallExchange: Sendable {
    struct State {
        var requestBody: [UInt8] = []
        var caller: String?
        var responseBody: [UInt8] = []
        var tolerated: [SandboxLogEntry.Tolerance] = []
    }

    let state = Mutex(State())
}
