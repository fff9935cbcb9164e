import GRDB

/// The results history's tables, as numbered migrations (`PRAGMA user_version` is the number
/// applied). `ResultsStore.open` checks the file and applies what is missing inside one
/// IMMEDIATE transaction, so processes opening a new file at once wait for each other instead
/// of racing; a file with a version this kit does not know is refused.
enum StoreSchema {
    struct Migration {
        let name: String
        let sql: String
    }

    static let migrations = [
        Migration(
            name: "2026-11-29 runs, results, evidence, reviews, waivers, audit",
            sql: """
                CREATE TABLE run (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL,            -- conformance, client, assessment, monitoring
                    subject TEXT NOT NULL,         -- the partner, the course code, or the sweep's folder
                    status TEXT NOT NULL,          -- running, finished
                    startedAt DATETIME NOT NULL,
                    finishedAt DATETIME,
                    exitCode INTEGER,
                    header BLOB NOT NULL           -- the run without its results (RunResult JSON, suites empty)
                );
                CREATE INDEX run_subject ON run(kind, subject, startedAt);
                CREATE TABLE result (
                    id INTEGER PRIMARY KEY,
                    runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    suiteID TEXT NOT NULL,
                    suiteTitle TEXT NOT NULL,
                    groupID TEXT NOT NULL,
                    groupTitle TEXT NOT NULL,
                    checkID TEXT NOT NULL,
                    definition BLOB NOT NULL,      -- CheckDefinition JSON
                    verdict TEXT NOT NULL,
                    proposed TEXT,
                    fault TEXT,
                    message TEXT NOT NULL,
                    startedAt DATETIME NOT NULL,
                    milliseconds DOUBLE NOT NULL,
                    reviewable BOOLEAN NOT NULL,   -- it needed a person when the machine finished
                    UNIQUE (runID, groupID, checkID)
                );
                CREATE TABLE evidence (
                    resultID INTEGER PRIMARY KEY REFERENCES result(id) ON DELETE CASCADE,
                    exchanges BLOB NOT NULL,       -- [HTTPExchange] JSON, redacted
                    findings BLOB NOT NULL         -- [Finding] JSON
                );
                CREATE TABLE review (
                    id INTEGER PRIMARY KEY,
                    resultID INTEGER NOT NULL REFERENCES result(id) ON DELETE CASCADE,
                    reviewer TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    note TEXT NOT NULL,
                    reviewedAt DATETIME NOT NULL,
                    source TEXT NOT NULL           -- the worksheet it came from, and its SHA-256
                );
                CREATE INDEX review_result ON review(resultID);
                CREATE TABLE waiver (
                    runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    waiverID TEXT NOT NULL,
                    checkID TEXT NOT NULL,
                    partner TEXT,
                    reason TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    expires TEXT NOT NULL,
                    outcome TEXT NOT NULL,         -- applied, expired, stale, unused
                    PRIMARY KEY (runID, waiverID)
                );
                CREATE TABLE audit (
                    id INTEGER PRIMARY KEY,
                    at DATETIME NOT NULL,
                    actor TEXT NOT NULL,           -- the kit, or a reviewer
                    action TEXT NOT NULL,          -- run.started, run.resumed, run.finished, review
                    runID TEXT NOT NULL,
                    resultKey TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX audit_run ON audit(runID, id);
                """),
        Migration(
            name: "2026-11-29 who records a run",
            sql: """
                ALTER TABLE run ADD COLUMN owner TEXT;         -- pid@host of the process recording it
                ALTER TABLE run ADD COLUMN heartbeat DATETIME; -- when it last recorded a result
                """),
    ]

    /// How many migrations the file has: `user_version`, or for a file the first kits wrote
    /// (with GRDB's migrator), how many of ours its `grdb_migrations` table lists.
    static func version(_ db: Database) throws -> Int {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version == 0, try db.tableExists("grdb_migrations") else { return version }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        return migrations.prefix { applied.contains($0.name) }.count
    }

    /// Applies the migrations `db` lacks and marks the file as a results history.
    static func migrate(_ db: Database) throws {
        let version = try version(db)
        for migration in migrations.dropFirst(version) { try db.execute(sql: migration.sql) }
        try db.execute(sql: "PRAGMA application_id = \(ResultsStore.applicationID)")
        try db.execute(sql: "PRAGMA user_version = \(migrations.count)")
        if try db.tableExists("grdb_migrations") { try db.execute(sql: "DROP TABLE grdb_migrations") }
    }
}
