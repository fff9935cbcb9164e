import Foundation
import PrakerjaConformance
import PrakerjaConsole
import PrakerjaStore

/// `prakerja demo --serve`: the demo's history in the console, with a person of each role.
extension DemoCommand {
    /// The demo's people: one of each role, the partner user of the reference payment partner.
    static let people: [ConsolePerson] = [
        ConsolePerson(login: "admin", name: "Admin Program", role: .admin),
        ConsolePerson(login: "asesor", name: "Sari Wulandari", role: .assessor, institution: "UGM"),
        ConsolePerson(login: "pemantau", name: "Budi Santoso", role: .monitor, institution: "IPB"),
        ConsolePerson(login: "mitra", name: "Staf Mitra Pembayaran", role: .partner, partner: "Reference payment partner"),
        ConsolePerson(login: "tamu", name: "Tamu", role: .viewer),
    ]

    /// Gives each of the demo's people a new random password (adding those missing), prints the
    /// sign-ins, and serves the console over `store` until Ctrl-C.
    static func serve(_ store: ResultsStore, port: Int, io: CommandIO) async throws(CommandFailure) -> Int32 {
        var signIns: [(login: String, role: String, password: String)] = []
        do {
            let existing = Set(try await store.people().map(\.login))
            for person in people {
                let password = String((0..<16).map { _ in Array("abcdefghijkmnpqrstuvwxyz23456789").randomElement()! })
                let hash = try await Passwords.hash(password)
                if existing.contains(person.login) {
                    _ = try await store.setPassword(of: person.login, passwordHash: hash, by: "demo")
                } else {
                    try await store.addPerson(person, passwordHash: hash, by: "demo")
                }
                signIns.append((person.login, person.role.rawValue, password))
            }
        } catch {
            throw .unjudged("the demo's people could not be added to \(store.location): \(error)")
        }
        io.print("\n== the console's demo sign-ins (new passwords at every demo --serve):")
        for signIn in signIns { io.print("  \(signIn.login.padding(toLength: 9, withPad: " ", startingAt: 0)) \(signIn.password)  (\(signIn.role))") }
        return try await ServeCommand.serve(store, host: "127.0.0.1", port: port, publicURL: nil, trustedProxies: [], io: io)
    }
}
