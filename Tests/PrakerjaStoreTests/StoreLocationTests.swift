import Foundation
import PrakerjaTestSupport
import Testing
import _ConnectionPoolModule

@testable import PrakerjaStore

/// `--store` takes a path or a PostgreSQL URL; the password is never in the URL nor in anything
/// the kit prints; a server that cannot be reached or refuses the sign-in is one line naming it.
@Suite struct StoreLocationTests {
    @Test func aPathIsAFileAndAURLIsADatabase() throws {
        #expect(try StoreLocation.parse(".prakerja/history.sqlite") == .file(".prakerja/history.sqlite"))
        let location = try StoreLocation.parse("postgres://curator@db.example.id/prakerja", environment: ["PGPASSWORD": "s3cret"])
        guard case .postgres(let postgres) = location else {
            Issue.record("not a database: \(location)")
            return
        }
        #expect(postgres.host == "db.example.id")
        #expect(postgres.port == 5432)
        #expect(postgres.user == "curator")
        #expect(postgres.database == "prakerja")
        #expect(postgres.tls == .prefer)
        #expect(postgres.password == "s3cret")
        #expect(location.description == "postgres://curator@db.example.id:5432/prakerja")
    }

    @Test func thePasswordComesFromASecretAndIsNeverShown() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appending(path: "password").path
        try "from-a-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try StoreLocation.parse("postgresql://curator@127.0.0.1:6543/h?password=file:\(file)&sslmode=require", environment: [:])
        guard case .postgres(let postgres) = fromFile else {
            Issue.record("not a database")
            return
        }
        #expect(postgres.password == "from-a-file")
        #expect(postgres.port == 6543)
        #expect(postgres.tls == .require)
        #expect(!fromFile.description.contains("from-a-file") && !fromFile.description.contains(file))
        let fromVariable = try StoreLocation.parse("postgres://curator@h/db?password=env:TEAM_PG", environment: ["TEAM_PG": "v"])
        guard case .postgres(let variable) = fromVariable else {
            Issue.record("not a database")
            return
        }
        #expect(variable.password == "v")
    }

    @Test(arguments: [
        ("postgres://curator:hunter2@db/prakerja", "a password in the URL"),
        ("postgres://curator@db/prakerja?password=hunter2", "never put in the URL"),
        ("postgres://db/prakerja", "no user"),
        ("postgres://curator@db", "no database"),
        ("postgres://curator@db/prakerja?sslmode=maybe", "sslmode maybe is not one of"),
        ("postgres://curator@db/prakerja?schema=x", "unknown parameter schema"),
        ("postgres://curator@db/prakerja?password=env:NOT_SET_ANYWHERE", "NOT_SET_ANYWHERE is not set"),
        ("postgres://curator@db/prakerja?password=file:/no/such/file", "cannot be read"),
    ])
    func aURLThatCannotBeUsedIsRefusedWithoutItsSecret(url: String, expected: String) {
        #expect {
            try StoreLocation.parse(url, environment: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains(expected) && !text.contains("hunter2") && !text.contains("\n")
        }
    }

    @Test func aServerThatIsNotThereIsOneLineNamingIt() async throws {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        await #expect {
            try await ResultsStore.open("postgres://curator@127.0.0.1:1/prakerja?sslmode=disable")
        } throws: { error in
            let error = error as? StoreError
            return error?.unreachable == true && error?.description.contains("postgres://curator@127.0.0.1:1/prakerja") == true
                && error?.reason.contains("connection refused") == true && error?.description.contains("\n") == false
        }
    }

    @Test(.enabled(if: TestStore.all.contains(.postgres))) func aWrongPasswordIsOneLineNamingTheServer() async throws {
        let url = try TestPostgres.url(database: "postgres")
        var components = try #require(URLComponents(string: url))
        components.queryItems = [URLQueryItem(name: "password", value: "env:WRONG"), URLQueryItem(name: "sslmode", value: "disable")]
        let location = try StoreLocation.parse(try #require(components.string), environment: ["WRONG": "not-the-password"])
        await #expect {
            try await ResultsStore.open(location)
        } throws: { error in
            let error = error as? StoreError
            return error?.unreachable == true && error?.reason.contains("refused the sign-in") == true
                && error?.description.contains("127.0.0.1") == true && error?.description.contains("not-the-password") == false
        }
    }

    /// What the driver throws without a server's message (a pool that stopped connecting, a
    /// call stopped with its process) is said for a person, not as the driver's Swift types.
    @Test(arguments: [
        (ConnectionPoolError.connectionCreationCircuitBreakerTripped as any Error, "new connections kept failing", true),
        (ConnectionPoolError.requestCancelled, "stopped before it finished", false),
        (ConnectionPoolError.poolShutdown, "its connections were closed", false),
        (CancellationError(), "stopped before it finished", false),
    ])
    func theDriversOwnRefusalsAreSaidForAPerson(_ error: any Error, _ expected: String, _ unreachable: Bool) {
        let said = StoreError(location: "postgres://curator@db:5432/prakerja", error)
        #expect(said.reason.contains(expected), "\(said)")
        #expect(said.unreachable == unreachable)
        for type in ["ConnectionPoolError", "CancellationError", "_ConnectionPoolModule", "Base."] {
            #expect(!said.description.contains(type), "\(said)")
        }
    }
}
