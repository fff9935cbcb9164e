import Foundation

/// The console's people, their sessions and their sign-ins, kept in the history so that every
/// console serving it (and a restart of one) shares them. Every change is in the audit trail.
extension ResultsStore {
    /// Adds `person` with the bcrypt hash of their password. Refused when the login is taken.
    public func addPerson(_ person: ConsolePerson, passwordHash: String, by actor: String, now: Date = Date()) async throws(StoreError) {
        if let problem = person.problem { throw StoreError(location: location, reason: problem) }
        let location = location
        try await write { db in
            if try await db.row("SELECT login FROM person WHERE login = \(person.login)") != nil {
                throw StoreError(location: location, reason: "there is already a person signing in as \(person.login)")
            }
            // One institution, one spelling: "ui" beside "UI" would count as a second institution.
            if let institution = person.institution {
                for row in try await db.rows("SELECT DISTINCT institution FROM person WHERE institution IS NOT NULL") {
                    let known: String = try row["institution"]
                    if known != institution, ConsolePerson.sameInstitution(known, institution) {
                        throw StoreError(
                            location: location, reason: "the institution \(institution) is written \(known) for others: use that spelling")
                    }
                }
            }
            try await db.execute(
                """
                INSERT INTO person (login, name, role, institution, partner, passwordHash, disabled, createdAt)
                VALUES (\(person.login), \(person.name), \(person.role.rawValue), \(person.institution), \(person.partner), \(passwordHash), \(false), \(now))
                """)
            try await Self.audit(
                db, actor: actor, action: "person.added", runID: "", result: person.login,
                detail: "\(person.role.rawValue)" + (person.institution.map { " of \($0)" } ?? "") + (person.partner.map { " of \($0)" } ?? ""))
        }
    }

    /// Every person, by login.
    public func people() async throws(StoreError) -> [ConsolePerson] {
        try await read { db in try await db.rows("SELECT * FROM person ORDER BY login").map(Self.person) }
    }

    /// The person signing in as `login` with their password's hash, or nil.
    public func person(signingInAs login: String) async throws(StoreError) -> (person: ConsolePerson, passwordHash: String)? {
        try await read { db in
            try await db.row("SELECT * FROM person WHERE login = \(login)").map { (try Self.person($0), try $0["passwordHash"] as String) }
        }
    }

    /// Disables `login` and ends their sessions. False when there is no such person.
    public func disablePerson(_ login: String, by actor: String) async throws(StoreError) -> Bool {
        try await write { db in
            guard try await !db.rows("UPDATE person SET disabled = \(true) WHERE login = \(login) RETURNING login").isEmpty else { return false }
            try await db.execute("DELETE FROM person_session WHERE login = \(login)")
            try await Self.audit(db, actor: actor, action: "person.disabled", runID: "", result: login, detail: "their sessions ended")
            return true
        }
    }

    /// Gives `login` a new password (its bcrypt hash) and ends their sessions. False when there
    /// is no such person.
    public func setPassword(of login: String, passwordHash: String, by actor: String) async throws(StoreError) -> Bool {
        try await write { db in
            guard try await !db.rows("UPDATE person SET passwordHash = \(passwordHash) WHERE login = \(login) RETURNING login").isEmpty else {
                return false
            }
            try await db.execute("DELETE FROM person_session WHERE login = \(login)")
            try await Self.audit(db, actor: actor, action: "person.password-changed", runID: "", result: login, detail: "their sessions ended")
            return true
        }
    }

    // MARK: - Sessions

    /// Starts a session for `login`, found later by `tokenHash`, its forms carrying `formToken`,
    /// until `expiresAt`; the sign-in `attempt` (from `beginSignIn`) is recorded as succeeded
    /// and audited from `address`.
    public func startSession(
        login: String, tokenHash: String, formToken: String, expiresAt: Date, attempt: String, address: String, now: Date = Date()
    ) async throws(StoreError) {
        try await write { db in
            try await db.execute(
                """
                INSERT INTO person_session (tokenHash, login, formToken, createdAt, expiresAt)
                VALUES (\(tokenHash), \(login), \(formToken), \(now), \(expiresAt))
                """)
            try await db.execute("UPDATE sign_in SET succeeded = \(true) WHERE attempt = \(attempt)")
            try await Self.audit(db, actor: login, action: "console.signed-in", runID: "", detail: "from \(address)")
        }
    }

    /// The live session whose token hashes to `tokenHash`: not expired at `now`, its person not
    /// disabled. Nil otherwise.
    public func session(tokenHash: String, now: Date = Date()) async throws(StoreError) -> ConsoleSession? {
        try await read { db in
            guard
                let row = try await db.row(
                    """
                    SELECT person.*, person_session.formToken, person_session.expiresAt FROM person_session
                    JOIN person ON person.login = person_session.login
                    WHERE person_session.tokenHash = \(tokenHash) AND person_session.expiresAt > \(now) AND person.disabled = \(false)
                    """)
            else { return nil }
            return ConsoleSession(person: try Self.person(row), formToken: try row["formToken"], expiresAt: try row["expiresAt"])
        }
    }

    /// Ends the session whose token hashes to `tokenHash` (signing out), and any expired at `now`.
    public func endSession(tokenHash: String, now: Date = Date()) async throws(StoreError) {
        try await write { db in
            let ended = try await db.rows("DELETE FROM person_session WHERE tokenHash = \(tokenHash) RETURNING login")
            try await db.execute("DELETE FROM person_session WHERE expiresAt <= \(now)")
            if let login = try ended.first.map({ try $0["login"] as String }) {
                try await Self.audit(db, actor: login, action: "console.signed-out", runID: "", detail: "")
            }
        }
    }

    // MARK: - Sign-ins

    /// Begins a sign-in as `login` from `address`: nil (and audited as throttled) when, since
    /// `since`, `limit.login` attempts as that login or `limit.address` from that address were
    /// refused or are still being checked; otherwise the attempt, recorded as refused until
    /// `startSession` says it succeeded. Counting and recording are one step (serialized across
    /// consoles sharing the history), so attempts sent at the same moment cannot all pass a count
    /// none of them is in yet.
    public func beginSignIn(
        login: String, address: String, since: Date, limit: (login: Int, address: Int), now: Date = Date()
    ) async throws(StoreError) -> String? {
        try await write { db in
            try await db.serialize(Self.signInLock)
            let byLogin: Int =
                try await db.row("SELECT count(*) AS n FROM sign_in WHERE login = \(login) AND succeeded = \(false) AND at >= \(since)")?["n"] ?? 0
            let byAddress: Int =
                try await db.row("SELECT count(*) AS n FROM sign_in WHERE address = \(address) AND succeeded = \(false) AND at >= \(since)")?["n"]
                ?? 0
            guard byLogin < limit.login, byAddress < limit.address else {
                try await Self.audit(db, actor: login, action: "console.sign-in-refused", runID: "", detail: "from \(address): throttled")
                return nil
            }
            let attempt = UUID().uuidString
            try await db.execute(
                "INSERT INTO sign_in (at, login, address, succeeded, attempt) VALUES (\(now), \(login), \(address), \(false), \(attempt))")
            return attempt
        }
    }

    /// Audits why a sign-in as `login` from `address` was refused (its attempt already counts
    /// as refused).
    public func refusedSignIn(login: String, address: String, reason: String) async throws(StoreError) {
        try await write { db in
            try await Self.audit(db, actor: login, action: "console.sign-in-refused", runID: "", detail: "from \(address): \(reason)")
        }
    }

    /// The advisory lock sign-ins are counted under: "PKRJ" and "SIGN".
    static let signInLock: Int64 = 0x504B_524A_5349_474E

    static func person(_ row: StoreRow) throws -> ConsolePerson {
        ConsolePerson(
            login: try row["login"], name: try row["name"], role: ConsolePerson.Role(rawValue: try row["role"]) ?? .viewer,
            institution: try row["institution"], partner: try row["partner"], disabled: try row["disabled"])
    }
}
