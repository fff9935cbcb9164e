import Foundation
import PrakerjaSigning
import Synchronization

/// Signs requests with the program's scheme so that a client never sends the same signed request
/// twice: a verifier refuses the second as a replay.
///
/// The signature covers a timestamp in whole seconds, so only requests signed in the same second
/// can repeat. When one would (the same method, target and body again within the second), the
/// signer waits for the next second and signs again. Used by `PrakerjaClient` (calling the program)
/// and by the role clients (the program calling its partners).
public struct UniqueProgramSigner: Sendable {
    public let clientCode: String
    private let signer: ProgramSignature
    private let clock: SigningClock
    private let sleep: @Sendable (Duration) async throws -> Void
    private let recent: RecentSignatures

    /// - Parameters:
    ///   - destination: the verifier the requests go to (its base URL). Signers of the same client
    ///     for the same destination share what they sent, so two clients made one after the other
    ///     in one process never send the same signed request either; without one, the signer
    ///     remembers only its own.
    ///   - sleep: how to wait for the next second (tests step a fake clock here).
    public init(
        clientCode: String, signKey: String, destination: String? = nil, clock: SigningClock = .system,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.clientCode = clientCode
        self.signer = ProgramSignature(clientCode: clientCode, signKey: signKey)
        self.clock = clock
        self.sleep = sleep
        self.recent = destination.map { RecentSignatures.shared(for: "\(clientCode) \($0)") } ?? RecentSignatures()
    }

    /// The headers for `method` `path` (the request target as sent, query included) with `body`.
    public func headers(method: String, path: String, body: [UInt8]) async -> SignedHeaders {
        await recent.unique(clock: clock, sleep: sleep) { signer.headers(method: method, path: path, body: body, clock: clock) }
    }
}

/// The signatures sent in the last few seconds; older ones are forgotten. A signer that would
/// repeat one waits for the next second instead: what makes every signature scheme with
/// whole-second timestamps (the program's, SNAP's token request) never send a replay.
///
/// A signature is made at one instant and recorded at a later one, maybe in the next second, so
/// the seconds before the current one are kept too: a request signed just before a second ends
/// is still known when another, signed in that same second, is recorded just after.
package final class RecentSignatures: Sendable {
    /// Signatures by the second they were recorded in, the last `keptSeconds` of them.
    private let sent = Mutex<[Int64: Set<String>]>([:])
    private static let keptSeconds: Int64 = 3

    /// One per client and destination for the process (a few bytes each: only the last seconds are kept).
    private static let byScope = Mutex<[String: RecentSignatures]>([:])

    package init() {}

    /// The memory every signer of `scope` (a client and the verifier it calls) shares in this process.
    package static func shared(for scope: String) -> RecentSignatures {
        byScope.withLock { table in
            if let recent = table[scope] { return recent }
            let recent = RecentSignatures()
            table[scope] = recent
            return recent
        }
    }

    /// What `sign` makes, signed again after the next second begins whenever it would repeat a
    /// signature sent in the last few seconds (at most ten times).
    package func unique<Failure: Error>(
        clock: SigningClock, sleep: @Sendable (Duration) async throws -> Void,
        _ sign: () throws(Failure) -> SignedHeaders
    ) async throws(Failure) -> SignedHeaders {
        var signed = try sign()
        var waits = 0
        while !insert(signed.signature, at: clock.now()), waits < 10 {
            waits += 1
            let now = clock.now().timeIntervalSince1970
            let untilNextSecond = (now.rounded(.down) + 1 - now) + 0.001
            try? await sleep(.milliseconds(Int(untilNextSecond * 1000)))
            signed = try sign()
        }
        return signed
    }

    /// Records `signature`, made at `date`; false if it was sent in the last few seconds.
    func insert(_ signature: String, at date: Date) -> Bool {
        let second = Int64(date.timeIntervalSince1970.rounded(.down))
        return sent.withLock { sent in
            if sent.keys.contains(where: { $0 <= second - Self.keptSeconds }) { sent = sent.filter { $0.key > second - Self.keptSeconds } }
            guard !sent.values.contains(where: { $0.contains(signature) }) else { return false }
            sent[second, default: []].insert(signature)
            return true
        }
    }
}
