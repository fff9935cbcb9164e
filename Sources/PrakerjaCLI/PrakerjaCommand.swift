import ArgumentParser

/// The `prakerja` command: the kit's tools, one subcommand each.
public struct PrakerjaCommand: ParsableCommand {
    /// The kit's version, printed by `prakerja --version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "prakerja",
        abstract: "The Prakerja partner kit: sign and verify the program's requests, check domain values.",
        discussion: """
            Examples:
              prakerja sign --scheme prakerja --client-code LPKOPI01 \\
                --sign-key @sign.key --headers \\
                --path /api/v1/integration/payment/redeem-code/status \\
                --body '{"redeem_code":"GHOPNYXUVMT0","sequence":1}'
              prakerja validate nik 3273014508950001
            """,
        version: version,
        subcommands: [SignCommand.self, VerifyCommand.self, ValidateCommand.self]
    )

    public init() {}
}

/// A subcommand that runs against injected streams and returns its exit code.
protocol RunnableCommand: ParsableCommand {
    func execute(io: CommandIO) throws(CommandFailure) -> Int32
}
