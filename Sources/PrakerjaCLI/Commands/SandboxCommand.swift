import ArgumentParser
import Foundation
import Logging
import PrakerjaClient
import PrakerjaConformance
import PrakerjaModels
import PrakerjaSandbox

/// `prakerja sandbox`: the program's integration API on this machine, until Ctrl-C.
struct SandboxCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the program's integration API locally: real signatures, state machines, test codes, a call log.",
        discussion: """
            Prints the base URL, the clients and their keys, the seeded redeem codes and the PRAT- test codes,
            then serves until interrupted. OTPs sent to participants are printed on standard error.
            Test hooks: GET /_sandbox/log, /_sandbox/otp?payment_token=T, /_sandbox/clock,
            /_sandbox/redeem-codes?client_code=C, /_sandbox/feeds/{complaints,survey,enrolments}.csv (the program's \
            feeds about the sandbox's courses, for monitor --complaints ADDRESS); POST /_sandbox/clock {"advance_seconds": 86400}.

            Examples:
              prakerja sandbox
              prakerja sandbox --port 9090 --client lp:LPKOPI01:my-lp-key \\
                --client dp:DPMAJU01:my-dp-key
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("client"), help: "A partner as ROLE:CODE:KEY, ROLE lp or dp; repeatable. Default: one LP and one DP.")
    var clients: [String] = []

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard (0...65_535).contains(port) else { throw .usage("--port must be 0 to 65535, got \(port)") }
        var parsed: [SandboxClient] = []
        for (index, text) in clients.enumerated() {
            do {
                parsed.append(try SandboxClient(parsing: text))
            } catch {
                throw .usage("--client #\(index + 1) \"\(text.split(separator: ":").prefix(2).joined(separator: ":"))...\": \(error)")
            }
        }
        if Set(parsed.map(\.code)).count != parsed.count { throw .usage("--client: each client code may appear once") }
        let configuration = SandboxConfiguration(host: host, port: port, clients: parsed.isEmpty ? SandboxConfiguration.defaultClients : parsed)
        var logger = Logger(label: "prakerja.sandbox", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .info
        let sandbox = Sandbox(configuration: configuration, logger: logger)
        do {
            try await sandbox.run { running in
                await Self.announce(running, io: io)
            }
        } catch {
            throw .usage("the sandbox could not run on \(host):\(port): \(error)")
        }
        return ExitStatus.passed
    }

    static func announce(_ sandbox: RunningSandbox, io: CommandIO) async {
        io.print("Prakerja sandbox listening on \(sandbox.baseURL)")
        io.print("")
        io.print("Clients (role, client_code, sign_key):")
        for client in sandbox.clients { io.print("  \(client.role.rawValue)  \(client.code)  \(client.signKey)") }
        for provider in sandbox.clients where provider.role == .lp {
            io.print("")
            io.print("Redeem codes bought for \(provider.code)'s courses:")
            for code in await sandbox.issuedCodes(provider: provider.code) {
                io.print("  \(code.redeemCode)  \(code.courseCode)  schedule \(code.scheduleCode)")
            }
        }
        io.print("")
        io.print("Test codes (every LP has its own state; reset with payment/redeem-code/reset):")
        for test in RunningSandbox.testCodes { io.print("  \(test.code)  \(test.summary)") }
        io.print("")
        io.print("Call log: \(sandbox.baseURL)/_sandbox/log    Stop with Ctrl-C.")
    }
}
