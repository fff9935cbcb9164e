import Foundation
import PrakerjaTestSupport
import Testing

@Suite struct VerifyCommandTests {
    static let vector = SignatureVectors.all.prakerja[0]
    static var arguments: [String] {
        [
            "verify", "--scheme", "prakerja", "--client-code", vector.clientCode, "--sign-key", vector.signKey,
            "--timestamp", vector.timestamp, "--path", vector.path, "--body", vector.body,
        ]
    }

    @Test func exitsZeroForAValidSignature() async {
        let run = await CommandRun(Self.arguments + ["--signature", Self.vector.signature, "--at", Self.vector.timestamp])
        #expect(run.exitCode == 0)
        #expect(run.output == "valid\n")
    }

    @Test func exitsOneWithTheReasonWhenInvalid() async {
        let tampered = await CommandRun(
            Self.arguments.map { $0 == Self.vector.body ? $0.replacingOccurrences(of: "1}", with: "2}") : $0 }
                + ["--signature", Self.vector.signature, "--at", Self.vector.timestamp])
        #expect(tampered.exitCode == 1)
        #expect(tampered.error.contains("invalid: signature does not match the request"))
        let stale = await CommandRun(Self.arguments + ["--signature", Self.vector.signature])
        #expect(stale.exitCode == 1)
        #expect(stale.error.contains("behind the verifier's clock"))
        let skewed = await CommandRun(Self.arguments + ["--signature", Self.vector.signature, "--at", "1698289600", "--max-skew", "300"])
        #expect(skewed.error.contains("timestamp is 384 s behind the verifier's clock; at most 300 s is accepted"))
        let malformed = await CommandRun(Self.arguments + ["--signature", "XYZ", "--at", Self.vector.timestamp])
        #expect(malformed.exitCode == 1)
        #expect(malformed.error.contains("signature is malformed"))
    }

    @Test func verifiesSNAPSignaturesFromPython() async throws {
        let vectors = SignatureVectors.all
        for vector in vectors.snapSymmetric {
            let run = await CommandRun([
                "verify", "--scheme", "snap-symmetric", "--client-secret", vector.clientSecret, "--access-token", vector.accessToken,
                "--timestamp", vector.timestamp, "--method", vector.method, "--path", vector.path, "--body", vector.body,
                "--signature", vector.signature, "--at", vector.timestamp,
            ])
            #expect(run.exitCode == 0, "\(vector.name): \(run.error)")
        }
        let token = try #require(vectors.snapAsymmetricToken.first)
        let tokenRun = await CommandRun([
            "verify", "--scheme", "snap-asymmetric", "--client-id", token.clientID, "--timestamp", token.timestamp,
            "--public-key", SignatureVectors.keyPath(token.publicKey), "--signature", token.signature, "--at", token.timestamp,
        ])
        #expect(tokenRun.exitCode == 0, "\(tokenRun.error)")
        let wrongClient = await CommandRun([
            "verify", "--scheme", "snap-asymmetric", "--client-id", "SOMEONE-ELSE", "--timestamp", token.timestamp,
            "--public-key", SignatureVectors.keyPath(token.publicKey), "--signature", token.signature, "--at", token.timestamp,
        ])
        #expect(wrongClient.exitCode == 1)
        let notification = try #require(vectors.snapAsymmetricNotification.first)
        let notificationRun = await CommandRun([
            "verify", "--scheme", "snap-notification", "--timestamp", notification.timestamp,
            "--path", notification.path, "--body", notification.body,
            "--public-key", SignatureVectors.keyPath(notification.publicKey),
            "--signature", notification.signature, "--at", notification.timestamp,
        ])
        #expect(notificationRun.exitCode == 0, "\(notificationRun.error)")
    }
}

@Suite struct ValidateCommandTests {
    @Test func printsOneLinePerValueAndExitsOneIfAnyIsInvalid() async {
        let run = await CommandRun(["validate", "nik", "3273014508950001", "3273013208950001"])
        #expect(run.exitCode == 1)
        #expect(
            run.outputLines == [
                "valid: NIK ************0001: province 32 Jawa Barat, regency 3273, district 327301, born 1995-08-05, female",
                "invalid: nik: digits 7-8 must be a birth day 01-31 (41-71 for women), got 32",
            ])
    }

    @Test func checksAmountsPhonesAndCodes() async {
        #expect(await CommandRun(["validate", "amount", "600000.00"]).output == "valid: amount 600000.00 IDR = Rp600.000\n")
        let bad = await CommandRun(["validate", "amount", "600000.5"])
        #expect(bad.exitCode == 1)
        #expect(bad.output == "invalid: amount: must have exactly two decimals, like \"600000.00\"; got 1\n")
        #expect(await CommandRun(["validate", "phone", "0812-3456-7890"]).output == "valid: phone +62812*****890 (E.164, 11 digits after +62)\n")
        #expect(await CommandRun(["validate", "redeem-code", "PRAT-TC1-001-200"]).exitCode == 0)
        #expect(await CommandRun(["validate", "region", "32.73"]).output == "valid: region 32.73 in Jawa Barat\n")
        #expect(await CommandRun(["validate", "kartu-prakerja", "123"]).exitCode == 1)
        #expect(await CommandRun(["validate", "date", "2021-02-29"]).output == "invalid: date day: must be between 1 and 28 for 2021-02, got 29\n")
    }
}
