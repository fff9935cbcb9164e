import Foundation
import PrakerjaClient
import PrakerjaModels
import Synchronization

/// What a check works with: the partner's config, the contract, and the transport every request
/// must go through (so it is rate-limited, bounded and recorded as evidence).
public struct CheckContext: Sendable {
    public let config: PartnerConfig
    public let contract: Contract
    public let transport: ProbeTransport
    /// A short token unique to this run (to this attempt of it, when it resumes), for references
    /// the partner has never seen.
    public let runToken: String
    private let counter = Counter()
    private let shared = SharedValues()
    /// What every check of the run was answered, filled in as each finishes.
    let seen = SeenResponses()

    public init(config: PartnerConfig, contract: Contract, transport: ProbeTransport, runToken: String) {
        self.config = config
        self.contract = contract
        self.transport = transport
        self.runToken = runToken
    }

    /// A reference no earlier run or check used: `PRK-<run>-<n>`.
    public func uniqueReference(_ prefix: String = "PRK") -> String {
        "\(prefix)-\(runToken)-\(String(format: "%04d", counter.next()))"
    }

    /// A value every check of the run shares, made once: a role's client, so that one access
    /// token or one signer serves the whole run (partners refuse identical signed token requests).
    public func shared<Value: Sendable>(_ key: String, make: () throws -> Value) rethrows -> Value {
        try shared.value(key, make: make)
    }

    /// What `make` returns, made once for the run however many checks ask at the same time:
    /// the first to ask starts it, the others wait for the same result (reads several checks
    /// judge, which sent together would be the same signed request twice).
    public func once<Value: Sendable>(_ key: String, _ make: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await shared(key) { Task { try await make() } }.value
    }

    /// The exchanges the running check has made so far.
    public var exchanges: [HTTPExchange] { ExchangeLog.current?.recorded ?? [] }

    /// The index the next recorded exchange will have (for findings that point at one).
    public var nextExchange: Int { exchanges.count }

    /// A fixture as text, or a kit error naming the missing key (checks declare their inputs, so
    /// the runner has already made such a check `notApplicable`).
    public func fixtureText(_ key: String) throws -> String {
        switch config.fixture(key) {
        case .string(let text)?: return text
        case .number(let text)?: return text
        default: throw CheckError.kit("the config has no fixtures.\(key)")
        }
    }
}

private final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}

private final class SharedValues: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    func value<Value: Sendable>(_ key: String, make: () throws -> Value) rethrows -> Value {
        try values.withLock { values in
            if let existing = values[key] as? Value { return existing }
            let made = try make()
            values[key] = made
            return made
        }
    }
}
