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
    /// until `expiresAt`; the sign-in is recorded (and audited) from `address`.
    public func startSession(
        login: String, tokenHash: String, formToken: String, expiresAt: Date, address: String, now: Date = Date()
    ) async throws(StoreError) {
        try await write { db in
            try await db.execute(
                """
                INSERT INTO person_session (tokenHash, login, formToken, createdAt, expiresAt)
                VALUES (\(tokenHash), \(login), \(formToken), \(now), \(expiresAt))
                """)
            try await db.execute("INSERT INTO sign_in (at, login, address, succeeded) VALUES (\(now), \(login), \(address), \(true))")
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

    /// Records a refused sign-in as `login` from `address` (audited).
    public func refusedSignIn(login: String, address: String, reason: String, now: Date = Date()) async throws(StoreError) {
        try await write { db in
            try await db.execute("INSERT INTO sign_in (at, login, address, succeeded) VALUES (\(now), \(login), \(address), \(false))")
            try await Self.audit(db, actor: login, action: "console.sign-in-refused", runID: "", detail: "from \(address): \(reason)")
        }
    }

    /// How many sign-ins were refused since `since`, as `login` and from `address`.
    public func refusedSignIns(login: String, address: String, since: Date) async throws(StoreError) -> (login: Int, address: Int) {
        try await read { db in
            let byLogin = try await db.row(
                "SELECT count(*) AS n FROM sign_in WHERE login = \(login) AND succeeded = \(false) AND at >= \(since)")
            let byAddress = try await db.row(
                "SELECT count(*) AS n FROM sign_in WHERE address = \(address) AND succeeded = \(false) AND at >= \(since)")
            return (try byLogin?["n"] ?? 0, try byAddress?["n"] ?? 0)
        }
    }

    static func person(_ row: StoreRow) throws -> ConsolePerson {
        ConsolePerson(
            login: try row["login"], name: try row["name"], role: ConsolePerson.Role(rawValue: try row["role"]) ?? .viewer,
            institution: try row["institution"], partner: try row["partner"], disabled: try row["disabled"])
    }
}
