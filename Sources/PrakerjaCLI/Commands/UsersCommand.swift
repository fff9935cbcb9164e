import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaConsole
import PrakerjaStore

/// `prakerja users`: the console's people, from the command line (the first admin, a forgotten
/// password, someone who left).
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, list, disable people of the curation console, or reset a password.",
        subcommands: [UsersAddCommand.self, UsersListCommand.self, UsersDisableCommand.self, UsersResetPasswordCommand.self]
    )

    /// Every person of the console in `store`.
    static func people(_ store: ResultsStore) async throws(CommandFailure) -> [ConsolePerson] {
        do { return try await store.people() } catch { throw .unjudged(error.description) }
    }

    /// Changes the person `login` by `change` (false: no such person), then says `done`.
    static func change(
        _ login: String, in history: StoreOptions, io: CommandIO, done: String, _ change: (ResultsStore, String) async throws -> Bool
    ) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        let changed: Bool
        do { changed = try await change(store, "cli:\(NSUserName())") } catch { throw .unjudged("\(error)") }
        guard changed else { throw .usage("\(login): nobody signs in as that in \(store.location)") }
        io.print(done)
        await store.close()
        return ExitStatus.passed
    }
}

/// Where a new password comes from: never the command line (it would reach shell history and `ps`).
struct PasswordSource: ParsableArguments {
    @Option(help: "Read the password from this file (its first line). Default: $PRAKERJA_PASSWORD.")
    var passwordFile: String?

    func password() throws(CommandFailure) -> String {
        let password: String
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw .usage("--password-file \(passwordFile): cannot be read")
            }
            password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        } else if let value = ProcessInfo.processInfo.environment["PRAKERJA_PASSWORD"], !value.isEmpty {
            password = value
        } else {
            throw .usage("give the password in $PRAKERJA_PASSWORD or --password-file FILE (never on the command line)")
        }
        if let problem = Passwords.problem(password) { throw .usage(problem) }
        return password
    }
}

struct UsersAddCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a person who signs in to the console.",
        discussion: """
            Roles: admin (the program), assessor and monitor (of an --institution), partner (of a
            --partner: the name its runs are recorded under), viewer (reads everything).

            Examples:
              PRAKERJA_PASSWORD=... prakerja users add sari --name "Sari Wulandari" --role assessor --institution UGM
              prakerja users add lp-kopi --name "LP Kopi Nusantara" --role partner --partner "LP Kopi Nusantara" \\
                --password-file secret.txt
            """)

    @Argument(help: "The login (lower-case letters, digits, '.', '-', '_', '@').")
    var login: String
    @Option(help: "The person's name as shown.")
    var name: String
    @Option(help: "admin, assessor, monitor, partner or viewer.")
    var role: String
    @Option(help: "An assessor's or monitor's institution.")
    var institution: String?
    @Option(help: "A partner user's partner: the subject of its runs.")
    var partner: String?
    @OptionGroup var source: PasswordSource
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard let role = ConsolePerson.Role(rawValue: role) else {
            throw .usage("--role must be one of \(ConsolePerson.Role.allCases.map(\.rawValue).joined(separator: ", ")), got \(role)")
        }
        let person = ConsolePerson(login: login, name: name, role: role, institution: institution, partner: partner)
        if let problem = person.problem { throw .usage(problem) }
        let password = try source.password()
        guard let store = try await history.open() else { throw .usage("people are kept in the results history: --no-store has none") }
        do {
            let hash = try await Passwords.hash(password)
            try await store.addPerson(person, passwordHash: hash, by: "cli:\(NSUserName())")
        } catch let error as StoreError {
            throw error.unreachable ? .unjudged(error.description) : .usage(error.description)
        } catch {
            throw .unjudged("\(error)")
        }
        io.print("added \(login) (\(role.rawValue)) to \(store.location)")
        if let partner, (try? await store.runs(subject: partner, limit: 1))?.isEmpty == true {
            io.printError(
                "note: no run in this history is of a partner named \(partner) yet; \(login) sees nothing until one is (the name is the partner's, as in its runs)"
            )
        }
        await store.close()
        return ExitStatus.passed
    }
}

struct UsersListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the console's people.")
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let store = try await RunsCommand.open(history)
        for person in try await UsersCommand.people(store) {
            let affiliation = person.institution ?? person.partner ?? ""
            io.print(
                "\(person.login)\t\(person.role.rawValue)\t\(affiliation)\t\(person.disabled ? "disabled" : "active")\t\(person.name)")
        }
        await store.close()
        return ExitStatus.passed
    }
}

struct UsersDisableCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Stop a person signing in, and end their sessions now.")
    @Argument(help: "The login.")
    var login: String
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        try await UsersCommand.change(login, in: history, io: io, done: "disabled \(login); their sessions ended") { store, actor in
            try await store.disablePerson(login, by: actor)
        }
    }
}

struct UsersResetPasswordCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password", abstract: "Give a person a new password, and end their sessions now.")
    @Argument(help: "The login.")
    var login: String
    @OptionGroup var source: PasswordSource
    @OptionGroup var history: StoreOptions

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        let password = try source.password()
        return try await UsersCommand.change(login, in: history, io: io, done: "new password for \(login); their sessions ended") { store, actor in
            try await store.setPassword(of: login, passwordHash: try await Passwords.hash(password), by: actor)
        }
    }
}
