import Foundation
import PrakerjaConformance
import PrakerjaTestSupport
import Testing

/// Bad input gets one clear line on standard error naming what and where, and a non-zero exit.
@Suite struct CommandErrorTests {
    static let prakerja = ["sign", "--scheme", "prakerja", "--client-code", "C", "--sign-key", "K", "--path", "/p"]

    @Test(arguments: [
        (["sign", "--scheme", "hmac-md5"], "The value 'hmac-md5' is invalid for '--scheme <scheme>'"),
        (["sign", "--scheme", "prakerja", "--client-code", "C"], "--scheme prakerja needs --sign-key"),
        (prakerja + ["--body", "{}", "--client-secret", "S"], "--client-secret is not used by --scheme prakerja"),
        (prakerja + ["--body", "{}", "--timestamp", "2021-11-02T13:14:15+07:00"], "--timestamp \"2021-11-02T13:14:15+07:00\" is not Unix seconds"),
        (prakerja + ["--body", "@/nonexistent/body.json"], "--body @/nonexistent/body.json: no such file"),
        (prakerja + ["--body", "@/tmp"], "--body @/tmp: is a directory, not a file"),
        (
            ["sign", "--scheme", "prakerja", "--client-code", "C", "--sign-key", "K", "--path", "no-slash", "--body", "{}"],
            "--path must start with '/'"
        ),
        (
            ["sign", "--scheme", "snap-asymmetric", "--client-id", "ID", "--private-key", "/nonexistent/key.pem"],
            "invalid key: cannot read private key file /nonexistent/key.pem: no such file"
        ),
        (
            ["sign", "--scheme", "snap-asymmetric", "--client-id", "ID", "--private-key", SignatureVectors.keyPath("keys/snap-test-public.pem")],
            "invalid key: PEM does not hold a private key"
        ),
        (
            ["sign", "--scheme", "snap-asymmetric", "--client-id", "ID", "--private-key", SignatureVectors.keyPath("signatures.json")],
            "invalid key: not PEM: no -----BEGIN line"
        ),
        (
            ["sign", "--scheme", "snap-symmetric", "--client-secret", "S", "--access-token", "T", "--path", "/p", "--body", "amount=1"],
            "body is not JSON: at byte 0: expected a JSON value, found 'a'"
        ),
        (
            ["sign", "--scheme", "snap-symmetric", "--client-secret", "S", "--access-token", "T", "--path", "/p", "--body", "{\"a\":1,}"],
            "body is not JSON: at byte 7: expected an object key in double quotes, found '}'"
        ),
        (["bogus"], "Unexpected argument 'bogus'"),
        (
            ["verify", "--scheme", "prakerja", "--client-code", "C", "--sign-key", "K", "--path", "/p", "--body", "{}", "--timestamp", "1"],
            "--scheme prakerja needs --signature"
        ),
        (["validate", "nik"], "give at least one value to validate"),
        (
            ["sign", "--scheme", "prakerja", "--client-code", "C", "--sign-key", "-", "--path", "/p", "--body", "-"],
            "only one option can read standard input ('-'); --sign-key and --body both ask for it"
        ),
    ])
    func refusesWithOneLineAndExitTwo(_ arguments: [String], _ expected: String) async {
        let run = await CommandRun(arguments)
        #expect(run.exitCode == 2)
        #expect(run.output.isEmpty)
        #expect(run.error.contains(expected), "stderr was: \(run.error)")
        #expect(run.error.filter { $0 == "\n" }.count == 1, "one line, got: \(run.error)")
        #expect(!run.error.contains("Stack"), "no stack trace")
    }

    @Test func helpAndVersionSucceedWithExamples() async {
        for command in ["sign", "verify", "validate"] {
            let run = await CommandRun([command, "--help"])
            #expect(run.exitCode == 0)
            #expect(run.output.contains("Examples:"), "\(command) --help shows an example")
            #expect(run.output.contains("prakerja \(command) "))
        }
        #expect(await CommandRun(["--help"]).output.contains("SUBCOMMANDS"))
        #expect(await CommandRun(["--version"]).output == "\(ConformanceRun.kitVersion)\n", "the version the reports name")
    }
}
