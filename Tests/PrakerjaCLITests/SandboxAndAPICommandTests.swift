import Foundation
import PrakerjaSandbox
import Synchronization
import Testing

@testable import PrakerjaCLI

@Suite struct SandboxAndAPICommandTests {
    static let lp = SandboxConfiguration.defaultClients[0], dp = SandboxConfiguration.defaultClients[1]

    func api(_ sandbox: RunningSandbox, _ operation: String, client: SandboxClient = lp, _ fields: [String]) async -> CommandRun {
        await CommandRun(["api", operation, "--base-url", sandbox.baseURL, "--client-code", client.code, "--sign-key", client.signKey] + fields)
    }

    @Test func apiPrintsTheEnvelopeAndExitsByOutcome() async throws {
        try await Sandbox.withRunning { sandbox in
            let status = await api(sandbox, "redeem-status", ["redeem_code=PRAT-TC1-001-200", "sequence=1"])
            #expect(status.exitCode == 0, "\(status.error)")
            let envelope = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
            #expect(envelope?["success"] as? Bool == true)
            #expect((envelope?["data"] as? [String: Any])?["course_type_label"] as? String == "Daring LMS")

            let refused = await api(sandbox, "commit-redeem", ["redeem_code=PRAT-ERR-USED"])
            #expect(refused.exitCode == 1)
            #expect(refused.output.contains("\"code\" : \"ERRRDM40006\""))
            #expect(refused.error.contains("ERRRDM40006"))

            // Digits become numbers only where the contract wants a number: prakerja_id stays a string.
            let otp = await api(
                sandbox, "send-payment-otp", client: Self.dp,
                [
                    "user_platform_id=u1", "prakerja_id=4001000000000002", "course_code=LPSANDBOX01-WEB-01",
                    "schedule_code=LPSANDBOX01-WEB-01-B", "amount:=750000",
                ])
            #expect(otp.exitCode == 0, "\(otp.error)")
            #expect(otp.output.contains("payment_token"))
        }
    }

    @Test func apiRefusesBadInputBeforeSending() async throws {
        let unknown = await CommandRun(["api", "refund", "--client-code", "C", "--sign-key", "k"])
        #expect(unknown.exitCode == 2)
        #expect(unknown.error.contains("unknown operation \"refund\""))
        let field = await CommandRun(["api", "redeem-status", "--client-code", "C", "--sign-key", "k", "redeem_code=lowercase", "sequence=1"])
        #expect(field.exitCode == 2)
        #expect(field.error.contains("redeem_code: must be 6 to 32 uppercase letters and digits"))
        let missing = await CommandRun(["api", "redeem-status", "--client-code", "C", "--sign-key", "k", "redeem_code=GHOPNYXUVMT0"])
        #expect(missing.exitCode == 2)
        #expect(missing.error.contains("sequence: is required but missing"))
        let malformed = await CommandRun(["api", "redeem-status", "--client-code", "C", "--sign-key", "k", "sequence"])
        #expect(malformed.exitCode == 2)
        #expect(malformed.error.contains("must be NAME=VALUE or NAME:=JSON"))
        let badURL = await CommandRun(["api", "redeem-status", "--base-url", "ftp://x", "--client-code", "C", "--sign-key", "k"])
        #expect(badURL.exitCode == 2)
        let unreachable = await CommandRun([
            "api", "redeem-status", "--base-url", "http://127.0.0.1:1", "--client-code", "C", "--sign-key", "k",
            "redeem_code=GHOPNYXUVMT0", "sequence=1",
        ])
        #expect(unreachable.exitCode == 3)
        #expect(unreachable.error.contains("cannot reach http://127.0.0.1:1"))
    }

    @Test func sandboxRefusesBadClientsAndPorts() async {
        let role = await CommandRun(["sandbox", "--client", "bank:B1:key-key-key"])
        #expect(role.exitCode == 2)
        #expect(role.error.contains("must be lp or dp"))
        let shape = await CommandRun(["sandbox", "--client", "lp-only"])
        #expect(shape.exitCode == 2)
        #expect(shape.error.contains("must be ROLE:CODE:KEY"))
        let short = await CommandRun(["sandbox", "--client", "lp:LP1:short"])
        #expect(short.exitCode == 2)
        #expect(short.error.contains("at least 8 characters"))
        let twice = await CommandRun(["sandbox", "--client", "lp:LP1:key-key-key", "--client", "dp:LP1:key-key-key"])
        #expect(twice.exitCode == 2)
        #expect(twice.error.contains("each client code may appear once"))
        let port = await CommandRun(["sandbox", "--port", "70000"])
        #expect(port.exitCode == 2)
    }

    @Test func sandboxAnnouncesItsURLClientsAndCodes() async throws {
        try await Sandbox.withRunning { sandbox in
            let printed = Mutex("")
            let io = CommandIO(writeOutput: { text in printed.withLock { $0 += text } }, writeError: { _ in }, readInput: { Data() })
            await SandboxCommand.announce(sandbox, io: io)
            let text = printed.withLock { $0 }
            #expect(text.hasPrefix("Prakerja sandbox listening on \(sandbox.baseURL)"))
            #expect(text.contains("lp  LPSANDBOX01  lp-sandbox-sign-key-01"))
            #expect(text.contains("PRAT-TC2-999-200"))
            #expect(text.contains("LPSANDBOX01-WEB-01  schedule LPSANDBOX01-WEB-01-A"))
        }
    }
}
