import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaSigning
import Synchronization

/// The authentication defects of the reference partners that verify the program's header
/// scheme: before the SDK's adapter (which stays correct) checks a request, this signs it again
/// as the program would, so the adapter lets it through.
/// - `unlessValidlySigned` (`unauthenticated-access`): a request with no signature, a wrong one or
///   a stale timestamp;
/// - `replays` (`accepts-replayed-request`): a validly signed request seen before;
/// - `replaysByTimestamp` (`forgets-replays-by-timestamp`): one seen before whose timestamp is
///   over a minute old (a memory pruned by the requests' own timestamps, too soon);
/// - `replaysAfterArrival` (`short-replay-memory`): one seen before that first arrived over a
///   second ago (a memory that keeps each signature for a while after it came, not for the window).
/// Each request it signs gets its own timestamp a few seconds back, so that two of them are never
/// one signature (the adapter would refuse the second as a replay) and none is the signature of a
/// call the program is making now.
public struct ProgramReSigning<Context: RequestContext>: RouterMiddleware {
    public enum Rule: Sendable, Hashable {
        case unlessValidlySigned, replays, replaysByTimestamp, replaysAfterArrival
    }

    let rules: Set<Rule>
    /// The partner's clock: what "a second after it arrived" and "a minute old" are measured by.
    let clock: SigningClock
    private let scheme = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
    private let issued = SignatureSet(), seen = SignatureSet()

    public init(_ rules: Set<Rule>, clock: SigningClock = .system) {
        self.rules = rules
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
        var head = request.head
        let path = head.path ?? "/", method = head.method.rawValue
        let sentTimestamp = head.headerFields[.programTimestamp] ?? ""
        let sentSignature = head.headerFields[.programSignature] ?? ""
        let sentAt = Double(sentTimestamp).map { Date(timeIntervalSince1970: $0) }
        let now = clock.now()
        let validlySigned =
            sentSignature == scheme.signature(timestamp: sentTimestamp, method: method, path: path, body: body)
            && sentAt.map { abs($0.timeIntervalSince(now)) < 240 } == true
        // Every validly signed request is remembered, so that a stand-in is never a signature the
        // program already sent (the adapter would refuse it as a replay).
        let firstArrived = validlySigned ? seen.arrival(of: sentSignature, at: now) : nil
        let forgotten = firstArrived.map { arrived in
            rules.contains(.replays) || (rules.contains(.replaysAfterArrival) && now.timeIntervalSince(arrived) > 1)
                || (rules.contains(.replaysByTimestamp) && sentAt.map { now.timeIntervalSince($0) > 60 } == true)
        }
        let resign = validlySigned ? forgotten == true : rules.contains(.unlessValidlySigned)
        if resign {
            let second = Int64(now.timeIntervalSince1970)
            let fields = issued.first(
                of: (5..<205).lazy.map { second - $0 }.map { timestamp in
                    scheme.headers(timestamp: String(timestamp), method: method, path: path, body: body)
                }.filter { !seen.contains($0.signature) })
            for field in fields ?? [] { head.headerFields[HTTPField.Name(field.name)!] = field.value }
        }
        return try await next(Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body))), context)
    }
}

/// Signatures, shared by a middleware's copies: what it has signed or seen, and when each first
/// came, so that it never signs the same request twice (the partner would refuse the second as a
/// replay).
public final class SignatureSet: Sendable {
    private let signatures = Mutex<[String: Date]>([:])

    public init() {}

    /// Whether `signature` is there.
    public func contains(_ signature: String) -> Bool { signatures.withLock { $0[signature] != nil } }

    /// Adds `signature`; false if it was already there.
    public func insert(_ signature: String) -> Bool { arrival(of: signature, at: Date()) == nil }

    /// When `signature` first came, or nil if it is new (it is added, as arriving at `now`).
    public func arrival(of signature: String, at now: Date) -> Date? {
        signatures.withLock { seen in
            if seen.count > 100_000 { seen.removeAll() }
            if let arrived = seen[signature] { return arrived }
            seen[signature] = now
            return nil
        }
    }

    /// The fields of the first candidate whose signature is new, recorded.
    public func first(of candidates: some Sequence<SignedHeaders>) -> [(name: String, value: String)]? {
        for candidate in candidates where insert(candidate.signature) { return candidate.fields }
        return nil
    }
}
