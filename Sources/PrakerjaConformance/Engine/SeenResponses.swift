import PrakerjaClient
import Synchronization

/// One answer a check got: the request and response as they went (unredacted), and the
/// exchange as the evidence records it.
struct SeenResponse: Sendable {
    let request: TransportRequest
    let response: TransportResponse
    let exchange: HTTPExchange
}

/// Every answer the run's checks got, by the check that got it: what a check that judges the
/// run (`Check.judgesTheRun`) reads once the others have finished.
final class SeenResponses: Sendable {
    private let seen = Mutex<[(check: String, answer: SeenResponse)]>([])

    func add(_ answers: [SeenResponse], by check: String) {
        guard !answers.isEmpty else { return }
        seen.withLock { $0 += answers.map { (check, $0) } }
    }

    var all: [(check: String, answer: SeenResponse)] { seen.withLock { $0 } }
}
