import Foundation
import PrakerjaTestSupport
import Testing

@testable import PrakerjaStore

/// Sign-ins are counted as they begin, in one step with their recording: however many arrive at
/// once, at two consoles sharing the history, no more than the limit are let through.
@Suite struct SignInTests {
    @Test(arguments: TestStore.all) func attemptsBegunTogetherAtTwoConsolesNeverPassTheLimit(_ kind: TestStore) async throws {
        let location = try await kind.freshLocation()
        let consoles = [try await ResultsStore.open(location), try await ResultsStore.open(location)]
        let since = Date().addingTimeInterval(-900)
        let attempts = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<16 {
                group.addTask {
                    try await consoles[index % 2].beginSignIn(login: "admin", address: "10.0.0.\(index)", since: since, limit: (3, 100))
                }
            }
            var attempts: [String] = []
            for try await attempt in group { if let attempt { attempts.append(attempt) } }
            return attempts
        }
        #expect(attempts.count == 3, "\(attempts.count) attempts let through")
        #expect(try await TestStore.sql("SELECT count(*) FROM sign_in WHERE succeeded = false", at: location) == ["3"])
        // An attempt that succeeds stops counting against the account.
        let hash = "$2b$04$abcdefghijklmnopqrstuu5tC1p2sGZWqg6FJ3q8RAnh5r1o4T2u6"
        try await consoles[0].addPerson(.init(login: "admin", name: "Admin", role: .admin), passwordHash: hash, by: "test")
        try await consoles[0].startSession(
            login: "admin", tokenHash: "t", formToken: "f", expiresAt: Date().addingTimeInterval(60), attempt: attempts[0], address: "10.0.0.1")
        #expect(try await consoles[1].beginSignIn(login: "admin", address: "10.0.0.99", since: since, limit: (3, 100)) != nil)
        #expect(try await consoles[1].beginSignIn(login: "admin", address: "10.0.0.99", since: since, limit: (3, 100)) == nil)
        let audit = try await consoles[0].audit("").map(\.detail)
        #expect(audit.filter { $0.hasSuffix("throttled") }.count == 14)
        for console in consoles { await console.close() }
    }
}
