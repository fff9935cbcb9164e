import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaHTTPServer
import PrakerjaPartners
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
///   second ago (a memory that keeps each signature for a while after it came, not for the window);
/// - `replaysBeforeNewest` (`prunes-replays-by-newest-timestamp`): one seen before whose window
///   ended before the newest timestamp seen (a memory pruned by the requests' own timestamps);
/// - `copiesTogether` (`answers-copies-sent-together`): a copy of one still being answered (a
///   memory checked, then written when the answer is done; a call signed 20 s ago or more takes a
///   second, so that copies sent together overlap however loaded the machine);
/// - `upperCaseSignature` (`accepts-upper-case-signature`): a signature right but for its case;
/// - `millisecondTimestamps` (`reads-millisecond-timestamps`): a 13-digit timestamp read as
///   milliseconds;
/// - `loosePaths` (`serves-loose-paths`): a path with a slash more, or written in upper case, read
///   as the contract's path;
/// - `looseQueries` (`reads-queries-loosely`): a query whose parameter names begin in upper case,
///   with a parameter without a value or one whose name begins with `_` (a cache buster), or an
///   integer with a fraction or in other digits, read as the nearest query the contract allows;
/// - `bodilessReads` (`signs-reads-without-body`): a GET's signature verified as if it had no
///   body, so a body the signature leaves out passes;
/// - `wrappingTimestamps` (`wraps-timestamps-at-32-bits`): the timestamp read into 32 bits, so
///   one 2^32 s ahead is now;
/// - `otherMethodsOnDetails` (`serves-other-methods-on-details`): DELETE, PUT or PATCH of one
///   thing's path (`/v1/courses/{code}`, three segments or more) served as its GET;
/// - `replaysOfRefused` (`remembers-only-answered-calls`): one seen before that was refused (a
///   memory written only when the call succeeds);
/// - `lookupBeforeAuthentication` (`looks-up-before-authenticating`): a GET of one thing's path
///   without a signature is looked up first, so a thing that does not exist is answered 404 (a
///   thing that does is then refused by the adapter, as sent).
/// Each request it signs gets its own timestamp a few seconds back, so that two of them are never
/// one signature (the adapter would refuse the second as a replay) and none is the signature of a
/// call the program is making now.
public struct ProgramReSigning<Context: RequestContext>: RouterMiddleware {
    public enum Rule: Sendable, Hashable {
        case unlessValidlySigned, replays, replaysByTimestamp, replaysAfterArrival, replaysBeforeNewest, copiesTogether
        case upperCaseSignature, millisecondTimestamps, loosePaths, looseQueries, bodilessReads, wrappingTimestamps, otherMethodsOnDetails
        case replaysOfRefused, lookupBeforeAuthentication
    }

    let rules: Set<Rule>
    /// The partner's clock: what "a second after it arrived" and "a minute old" are measured by.
    let clock: SigningClock
    private let scheme = ProgramSignature(clientCode: ReferenceCredentials.program.clientCode, signKey: ReferenceCredentials.program.signKey)
    private let issued = SignatureSet(), seen = SignatureSet(), refused = SignatureSet()
    /// The newest timestamp of a validly signed request so far.
    private let newest = NewestDate()

    public init(_ rules: Set<Rule>, clock: SigningClock = .system) {
        self.rules = rules
        self.clock = clock
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var request = request
        let body = (try? await BodyReader.read(&request, limit: 1 << 20)) ?? []
        let sent = request.head
        var head = sent
        let path = head.path ?? "/", method = head.method.rawValue
        let sentTimestamp = head.headerFields[.programTimestamp] ?? ""
        let sentSignature = head.headerFields[.programSignature] ?? ""
        let readsMilliseconds = rules.contains(.millisecondTimestamps) && sentTimestamp.count == 13
        let wrapped = rules.contains(.wrappingTimestamps) ? Int64(sentTimestamp).map { UInt32(truncatingIfNeeded: $0) } : nil
        let readsLoosely = readsMilliseconds || wrapped.map { String($0) != sentTimestamp } == true
        let sentAt =
            wrapped.map { Date(timeIntervalSince1970: Double($0)) }
            ?? Double(sentTimestamp).map { Date(timeIntervalSince1970: readsMilliseconds ? $0 / 1000 : $0) }
        let now = clock.now()
        let expected = scheme.signature(timestamp: sentTimestamp, method: method, path: path, body: body)
        let bodiless = rules.contains(.bodilessReads) && method == "GET" && !body.isEmpty
        let signatureMatches =
            sentSignature == expected || (rules.contains(.upperCaseSignature) && sentSignature.lowercased() == expected)
            || (bodiless && sentSignature == scheme.signature(timestamp: sentTimestamp, method: method, path: path, body: []))
        let validlySigned = signatureMatches && sentAt.map { abs($0.timeIntervalSince(now)) < 240 } == true
        if signatureMatches, let sentAt, abs(sentAt.timeIntervalSince(now)) <= 300 { newest.see(sentAt) }
        // What a loose partner reads the target as; the SDK's adapter then verifies a stand-in.
        let target = Self.loosened(path, rules)
        let servedMethod =
            rules.contains(.otherMethodsOnDetails) && SignedRoleRouter.detailMethods.contains(head.method) && SignedRoleRouter.isDetail(path)
            ? .get : head.method
        // Every validly signed request is remembered, so that a stand-in is never a signature the
        // program already sent (the adapter would refuse it as a replay).
        let firstArrived = validlySigned ? seen.arrival(of: sentSignature.lowercased(), at: now) : nil
        // With `copiesTogether`, a call signed a while ago takes a second to answer (a call signed
        // now is answered at once, so the switch costs the run no time).
        let slowlyAnswered = sentAt.map { now.timeIntervalSince($0) >= 20 } == true
        let forgotten = firstArrived.map { arrived in
            rules.contains(.replays) || (rules.contains(.replaysAfterArrival) && now.timeIntervalSince(arrived) > 1)
                || (rules.contains(.replaysByTimestamp) && sentAt.map { now.timeIntervalSince($0) > 60 } == true)
                || (rules.contains(.replaysBeforeNewest) && sentAt.map { newest.value.timeIntervalSince($0) > 300 } == true)
                || (rules.contains(.copiesTogether) && slowlyAnswered && now.timeIntervalSince(arrived) < Self.answerTime)
                || (rules.contains(.replaysOfRefused) && refused.contains(sentSignature.lowercased()))
        }
        let loosely = sentSignature != expected || readsLoosely || target != path || servedMethod != head.method
        let looksUpFirst =
            rules.contains(.lookupBeforeAuthentication) && head.headerFields[.programSignature] == nil && head.method == .get
            && SignedRoleRouter.isDetail(path)
        let resign =
            validlySigned ? forgotten == true || (firstArrived == nil && loosely) : rules.contains(.unlessValidlySigned) || looksUpFirst
        if resign {
            let second = Int64(now.timeIntervalSince1970)
            let fields = issued.first(
                of: (5..<205).lazy.map { second - $0 }.map { timestamp in
                    scheme.headers(timestamp: String(timestamp), method: servedMethod.rawValue, path: target, body: body)
                }.filter { !seen.contains($0.signature) })
            for field in fields ?? [] { head.headerFields[HTTPField.Name(field.name)!] = field.value }
            head.path = target
            head.method = servedMethod
        }
        if rules.contains(.copiesTogether), slowlyAnswered { try await Task.sleep(for: .seconds(Self.answerTime)) }
        // A first call refused is not remembered (a refusal may come back as a thrown error: the framework writes it).
        let remembersRefusal = rules.contains(.replaysOfRefused) && validlySigned && firstArrived == nil
        do {
            let response = try await next(Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body))), context)
            if remembersRefusal, response.status.code >= 300 { _ = refused.insert(sentSignature.lowercased()) }
            // Found: the adapter then judges the call as it was sent (and refuses it).
            if looksUpFirst, response.status.code < 300, !rules.contains(.unlessValidlySigned) {
                return try await next(Request(head: sent, body: RequestBody(buffer: ByteBuffer(bytes: body))), context)
            }
            return response
        } catch {
            if remembersRefusal { _ = refused.insert(sentSignature.lowercased()) }
            throw error
        }
    }

    /// How long a call signed a while ago takes with `copiesTogether`: copies arriving within it
    /// are answered too.
    static var answerTime: TimeInterval { 1 }  // computed: a generic type holds no static stored property

    /// `target` as a partner with the loose rules reads it (unchanged when nothing in it is
    /// loose): a path in upper case in lower case, a slash more dropped; a parameter name's first
    /// letter in lower case, a parameter without a value dropped, `limit`'s fraction dropped and its
    /// digits read as ASCII ones.
    static func loosened(_ target: String, _ rules: Set<Rule>) -> String {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var path = parts[0]
        var pairs = parts.count > 1 ? parts[1].split(separator: "&", omittingEmptySubsequences: false).map(String.init) : []
        if rules.contains(.loosePaths) {
            if path == path.uppercased() { path = path.lowercased() }
            while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        }
        if rules.contains(.looseQueries) {
            pairs = pairs.compactMap { pair in
                let halves = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard halves.count == 2, !halves[1].isEmpty, !halves[0].hasPrefix("_") else { return nil }
                let value = halves[1].removingPercentEncoding ?? halves[1]
                let scalars = value.unicodeScalars
                let name = halves[0].prefix(1).lowercased() + halves[0].dropFirst()
                // (`limit` alone is read as a number: other parameters' dotted codes stay as they are.)
                let number = name == "limit" && scalars.allSatisfy { $0.properties.numericType == .decimal || $0 == "." } && scalars.first != "."
                guard name != halves[0] || (number && (value.contains(".") || !value.allSatisfy(\.isASCII))) else { return pair }
                let digits = number ? scalars.prefix { $0 != "." }.compactMap { $0.properties.numericValue.map { String(Int($0)) } }.joined() : value
                return name + "=" + ProgramSignedClient.percentEncoded(digits)
            }
        }
        return path + (parts.count > 1 ? "?" + pairs.joined(separator: "&") : "")
    }
}

/// The newest of the dates seen, shared by a middleware's copies.
final class NewestDate: Sendable {
    private let newest = Mutex<Date>(.distantPast)

    var value: Date { newest.withLock { $0 } }

    func see(_ date: Date) { newest.withLock { $0 = max($0, date) } }
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
