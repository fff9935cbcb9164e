import Foundation
import PrakerjaTestSupport
import Testing

@Suite struct SignCommandTests {
    static let vectors = SignatureVectors.all

    @Test(arguments: vectors.prakerja)
    func printsTheProgramSignatureAlone(_ vector: SignatureVectors.Program) async {
        let run = await CommandRun([
            "sign", "--scheme", "prakerja", "--client-code", vector.clientCode, "--sign-key", vector.signKey,
            "--timestamp", vector.timestamp, "--method", vector.method, "--path", vector.path, "--body", vector.body,
        ])
        #expect(run.exitCode == 0)
        #expect(run.output == vector.signature + "\n")
        #expect(run.error.isEmpty)
    }

    @Test(arguments: vectors.snapSymmetric)
    func printsTheSNAPSymmetricSignature(_ vector: SignatureVectors.SNAPSymmetric) async {
        let run = await CommandRun([
            "sign", "--scheme", "snap-symmetric", "--client-secret", vector.clientSecret,
            "--access-token", vector.accessToken, "--timestamp", vector.timestamp, "--method", vector.method,
            "--path", vector.path, "--body", vector.body,
        ])
        #expect(run.exitCode == 0)
        #expect(run.outputLines.first == vector.signature)
    }

    @Test func printsTheTokenAndNotificationSignatures() async throws {
        let token = try #require(Self.vectors.snapAsymmetricToken.first)
        let tokenRun = await CommandRun([
            "sign", "--scheme", "snap-asymmetric", "--client-id", token.clientID, "--timestamp", token.timestamp,
            "--private-key", SignatureVectors.keyPath(token.privateKey),
        ])
        #expect(tokenRun.output == token.signature + "\n")
        let notification = try #require(Self.vectors.snapAsymmetricNotification.first)
        let notificationRun = await CommandRun([
            "sign", "--scheme", "snap-notification", "--timestamp", notification.timestamp,
            "--path", notification.path, "--body", notification.body,
            "--private-key", SignatureVectors.keyPath(notification.privateKey),
        ])
        #expect(notificationRun.output == notification.signature + "\n")
    }

    @Test func readsTheBodyFromAFileOrStdinByteForByte() async throws {
        let vector = try #require(Self.vectors.prakerja.first { $0.body.contains("\n") })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prakerja-body-\(UUID()).json")
        try Data(vector.body.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let common = [
            "sign", "--scheme", "prakerja", "--client-code", vector.clientCode, "--sign-key", vector.signKey,
            "--timestamp", vector.timestamp, "--path", vector.path,
        ]
        #expect(await CommandRun(common + ["--body", "@\(file.path)"]).output == vector.signature + "\n")
        #expect(await CommandRun(common + ["--body", "-"], input: vector.body).output == vector.signature + "\n")
        // A trailing newline is part of the body: it changes the signature.
        #expect(await CommandRun(common + ["--body", "-"], input: vector.body + "\n").output != vector.signature + "\n")
    }

    @Test func headersListEverythingToSend() async {
        let run = await CommandRun([
            "sign", "--scheme", "snap-symmetric", "--client-secret", "s", "--access-token", "t",
            "--timestamp", "2021-11-02T13:14:15+07:00", "--path", "/v1.0/emoney/topup", "--body", "{}",
            "--headers", "--partner-id", "PRAKERJA", "--external-id", "000001", "--channel-id", "95221",
        ])
        #expect(run.exitCode == 0)
        let lines = run.outputLines
        #expect(lines.count == 8)
        #expect(
            lines.dropFirst().map { $0.split(separator: ":")[0] } == [
                "Content-Type", "Authorization", "X-TIMESTAMP", "X-SIGNATURE", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID",
            ])
        #expect(lines.contains("X-SIGNATURE: \(lines[0])"))
    }

    @Test func withoutATimestampItSignsNow() async throws {
        let run = await CommandRun([
            "sign", "--scheme", "prakerja", "--client-code", "C", "--sign-key", "K", "--path", "/p", "--body", "{}", "--headers",
        ])
        let timestampLine = try #require(run.outputLines.first { $0.hasPrefix("timestamp: ") })
        let timestamp = try #require(TimeInterval(timestampLine.dropFirst("timestamp: ".count)))
        #expect(abs(timestamp - Date().timeIntervalSince1970) < 5)
    }

    @Test func secretsFromFilesLoseOneTrailingNewline() async throws {
        let vector = try #require(Self.vectors.prakerja.first)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prakerja-key-\(UUID())")
        try Data((vector.signKey + "\n").utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = await CommandRun([
            "sign", "--scheme", "prakerja", "--client-code", vector.clientCode, "--sign-key", "@\(file.path)",
            "--timestamp", vector.timestamp, "--path", vector.path, "--body", vector.body,
        ])
        #expect(run.output == vector.signature + "\n")
    }
}
