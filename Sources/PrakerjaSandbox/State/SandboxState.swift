import Foundation
import Logging
import PrakerjaClient
import PrakerjaModels
import Synchronization

/// Everything the sandbox remembers. `SandboxState` runs each operation on it under one lock, so a
/// code is committed once and a payment made once however many requests race for it.
struct SandboxStore {
    let clock: SandboxClock
    let logger: Logger
    var baseURL: String
    let defaultPlatform: String

    var participants: [String: Participant]
    var courses: [String: SandboxCourse]
    var schedules: [String: SandboxSchedule]
    /// Production-like codes by code; test codes by `provider|code`.
    var redeemCodes: [String: RedeemCodeRecord]
    var pendingPayments: [String: PendingPayment] = [:]
    /// By `platform|invoice`.
    var payments: [String: PaymentRecord] = [:]
    /// The account that bought with a card on a platform, by `platform|prakerja_id`: one per card.
    var platformAccounts: [String: String] = [:]
    var verifications: [String: AttendanceVerification] = [:]
    /// `course|email` to the participant who used it.
    var courseEmails: [String: String] = [:]
    /// By `recordKey|scope|sequence`.
    var tasks: [String: TaskRecord] = [:]
    var ssoGrants: [String: SSOGrant] = [:]
    var ssoSessions: [String: SSOSession] = [:]

    init(catalogue: Catalogue, clock: SandboxClock, baseURL: String, defaultPlatform: String, logger: Logger) {
        self.participants = catalogue.participants
        self.courses = catalogue.courses
        self.schedules = catalogue.schedules
        self.redeemCodes = catalogue.redeemCodes
        self.clock = clock
        self.baseURL = baseURL
        self.defaultPlatform = defaultPlatform
        self.logger = logger
    }

    var now: Date { clock.now() }

    /// A random lowercase hex token of `bytes` bytes.
    static func token(bytes: Int = 16) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// A random code of uppercase letters and digits.
    static func randomCode(length: Int = 12) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }
}

/// The sandbox's state behind a lock: each operation runs alone and synchronously, without
/// suspending, so a request never waits in an actor's queue behind a slow one.
final class SandboxState: Sendable {
    private let store: Mutex<SandboxStore>
    let clock: SandboxClock

    init(_ store: SandboxStore) {
        self.clock = store.clock
        self.store = Mutex(store)
    }

    /// Runs `operation` on the state, alone.
    func run<Value: Sendable>(_ operation: (inout SandboxStore) throws(SandboxFailure) -> Value) throws(SandboxFailure) -> Value {
        try store.withLock { (store) throws(SandboxFailure) -> Value in try operation(&store) }
    }

    /// Runs an operation that cannot fail.
    func read<Value: Sendable>(_ operation: (inout SandboxStore) -> Value) -> Value {
        store.withLock { operation(&$0) }
    }
}
