import Foundation
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// `prakerja users` and `prakerja serve` from the command line: people added with a password that
/// never appears on the command line, each refusal naming what is wrong, a disabled person or a
/// new password ending their sessions.
@Suite struct UsersCommandTests {
    @Test func peopleAreAddedListedDisabledAndGivenNewPasswords() async throws {
        let store = try await TestStore.sqlite.freshLocation()
        let folder = FileManager.default.temporaryDirectory.appending(path: "users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appending(path: "password").path, short = folder.appending(path: "short").path
        try "correct horse battery staple\n".write(toFile: secret, atomically: true, encoding: .utf8)
        try "hunter2\n".write(toFile: short, atomically: true, encoding: .utf8)

        let added = await CommandRun([
            "users", "add", "sari", "--name", "Sari Wulandari", "--role", "assessor", "--institution", "UGM", "--password-file", secret, "--store",
            store,
        ])
        #expect(added.exitCode == 0, "\(added.error)")
        let refusals: [([String], String)] = [
            (
                ["sari", "--name", "S", "--role", "assessor", "--institution", "UGM", "--password-file", secret],
                "already a person signing in as sari"
            ),
            (["budi", "--name", "Budi", "--role", "monitor", "--password-file", secret], "belongs to an institution"),
            (["kopi", "--name", "Kopi", "--role", "partner", "--password-file", secret], "belongs to a partner"),
            (["budi", "--name", "Budi", "--role", "boss", "--password-file", secret], "--role must be one of"),
            (["Budi Santoso", "--name", "Budi", "--role", "viewer", "--password-file", secret], "lower-case letters"),
            (["budi", "--name", "Budi", "--role", "viewer", "--password-file", short], "at least 12 characters"),
            (["budi", "--name", "Budi", "--role", "viewer"], "never on the command line"),
        ]
        for (arguments, expected) in refusals {
            let refused = await CommandRun(["users", "add"] + arguments + ["--store", store])
            #expect(refused.exitCode == 2, "\(arguments)")
            #expect(refused.error.contains(expected), "\(arguments): \(refused.error)")
            #expect(!refused.error.contains("correct horse"), "the password is never said")
        }
        let listed = await CommandRun(["users", "list", "--store", store])
        #expect(listed.output == "sari\tassessor\tUGM\tactive\tSari Wulandari\n")

        let history = try await ResultsStore.open(store)
        let hash = try #require(try await history.person(signingInAs: "sari")).passwordHash
        #expect(hash.hasPrefix("$2b$12$"), "bcrypt, cost 12")
        try await history.startSession(
            login: "sari", tokenHash: "t1", formToken: "f", expiresAt: Date().addingTimeInterval(3_600), attempt: "a1", address: "a")
        #expect(await CommandRun(["users", "reset-password", "sari", "--password-file", secret, "--store", store]).exitCode == 0)
        #expect(try await history.session(tokenHash: "t1") == nil, "a new password ends the sessions")
        #expect(try await history.person(signingInAs: "sari")?.passwordHash != hash)
        try await history.startSession(
            login: "sari", tokenHash: "t2", formToken: "f", expiresAt: Date().addingTimeInterval(3_600), attempt: "a1", address: "a")
        #expect(await CommandRun(["users", "disable", "sari", "--store", store]).exitCode == 0)
        #expect(try await history.session(tokenHash: "t2") == nil, "disabling ends the sessions")
        #expect(await CommandRun(["users", "list", "--store", store]).output.contains("disabled"))
        let nobody = await CommandRun(["users", "disable", "nobody", "--store", store])
        #expect(nobody.exitCode == 2 && nobody.error.contains("nobody signs in as that"))
        #expect(
            try await history.audit("").map(\.action).filter { $0.hasPrefix("person.") } == [
                "person.added", "person.password-changed", "person.disabled",
            ])
        await history.close()
    }

    @Test func serveRefusesWhatItCannotUse() async throws {
        let store = try await TestStore.sqlite.freshLocation()
        #expect(await CommandRun(["users", "list", "--store", store]).exitCode == 2, "no history there yet")
        let port = await CommandRun(["serve", "--port", "70000", "--store", store])
        #expect(port.exitCode == 2 && port.error.contains("--port must be 0 to 65535"))
        let url = await CommandRun(["serve", "--public-url", "kurasi.example.id", "--store", store])
        #expect(url.exitCode == 2 && url.error.contains("--public-url must start with https://"))
        let unreachable = await CommandRun(["serve", "--store", "postgres://curator@127.0.0.1:1/prakerja?sslmode=disable"])
        #expect(unreachable.exitCode == 3 && unreachable.error.contains("127.0.0.1:1"), "\(unreachable.error)")
    }
}
