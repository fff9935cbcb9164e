import ArgumentParser
import PrakerjaConformance

/// The `prakerja` command: the kit's tools, one subcommand each.
public struct PrakerjaCommand: ParsableCommand {
    /// The kit's version, printed by `prakerja --version`: the one its reports and history name.
    public static let version = ConformanceRun.kitVersion

    public static let configuration = CommandConfiguration(
        commandName: "prakerja",
        abstract: "The Prakerja partner kit: sign and verify requests, run the program's API locally, call it, check partners.",
        discussion: """
            Examples:
              prakerja demo
              prakerja conformance run --config Conformance/configs/reference-payment-partner.yaml
              prakerja sign --scheme prakerja --client-code LPKOPI01 \\
                --sign-key @sign.key --headers \\
                --path /api/v1/integration/payment/redeem-code/status \\
                --body '{"redeem_code":"GHOPNYXUVMT0","sequence":1}'
              prakerja validate nik 3273014508950001
              prakerja schema validate --schema Specs/job-portal.openapi.yaml \\
                --ref /components/schemas/Vacancy vacancy.json
              prakerja sandbox --port 8080
              prakerja api redeem-status --client-code LPSANDBOX01 \\
                --sign-key lp-sandbox-sign-key-01 redeem_code=PRAT-TC1-001-200 sequence=1
            """,
        version: version,
        subcommands: [
            SignCommand.self, VerifyCommand.self, ValidateCommand.self, SandboxCommand.self, APICommand.self, SchemaCommand.self,
            ConformanceCommand.self, AssessCommand.self, MonitorCommand.self, SweepCommand.self, WorkerCommand.self, RunsCommand.self,
            ReviewCommand.self, ServeCommand.self, UsersCommand.self, PartnersCommand.self, WaiversCommand.self, DisbursementsCommand.self,
            SanctionsCommand.self,
            ReferenceCommand.self,
            DemoCommand.self,
        ]
    )

    public init() {}
}

/// A subcommand that runs against injected streams and returns its exit code.
protocol RunnableCommand: ParsableCommand {
    func execute(io: CommandIO) async throws(CommandFailure) -> Int32
}
