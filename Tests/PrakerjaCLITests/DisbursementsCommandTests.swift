import Foundation
import PrakerjaConformance
import Testing

/// `prakerja disbursements reconcile`: the exit code says whether every disbursement was right
/// (0), one was not (1), or a feed was dirty (4); the files hold every exception, written so a
/// spreadsheet reads a partner's text as text.
@Suite struct DisbursementsCommandTests {
    static let header = "reference,partnerReference,partner,amount,fee,paidAt,holderNIK,status\n"

    @Test func theExitCodeSaysRightWrongOrDirtyAndTheFilesHoldEveryException() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "disbursements-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appending(path: name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let instructions = try write(
            "instructions.jsonl",
            #"{"reference":"PRK-1","partner":"DANA","nik":"3273014508950001","incentiveMonth":1,"amount":"600000.00","eligibleOn":"2021-11-01"}"#
                + "\n")
        let paid = try write("paid.csv", Self.header + "PRK-1,D1,DANA,600000,0,2021-11-05T10:00:00+07:00,3273014508950001,00\n")
        let withFee = try write("fee.csv", Self.header + "PRK-1,=cmd|'/Ccalc'!A0,DANA,597500,2500,2021-11-05T10:00:00+07:00,3273014508950001,00\n")
        let dirty = try write(
            "dirty.csv", Self.header + "PRK-1,D1,DANA,600000,0,2021-11-05T10:00:00+07:00,3273014508950001,00\nPRK-1,D1,DANA,600000\n")
        let reports = folder.appending(path: "reports").path

        let right = await CommandRun(["disbursements", "reconcile", "--instructions", instructions, "--statements", paid, "--report-dir", reports])
        #expect(right.exitCode == ExitStatus.passed, "\(right.output)\(right.error)")
        #expect(right.outputLines.contains { $0.hasPrefix("overall") && $0.contains(" 1        1        1") }, "\(right.output)")

        let wrong = await CommandRun(["disbursements", "reconcile", "--instructions", instructions, "--statements", withFee, "--report-dir", reports])
        #expect(wrong.exitCode == ExitStatus.failed, "\(wrong.output)")
        #expect(wrong.output.contains("wrongAmount DANA PRK-1: paid Rp597.500, instructed Rp600.000"))
        let csv = try String(contentsOfFile: "\(reports)/exceptions.csv", encoding: .utf8)
        #expect(csv.contains("'=cmd|'/Ccalc'!A0") && csv.contains("fee,DANA,PRK-1"), "a formula is written as text: \(csv)")

        let unclean = await CommandRun(["disbursements", "reconcile", "--instructions", instructions, "--statements", dirty, "--report-dir", reports])
        #expect(unclean.exitCode == ExitStatus.dirtyFeed, "\(unclean.output)")
        #expect(unclean.output.contains("dirty.csv:3: malformed: has 4 fields"), "\(unclean.output)")
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(reports)/reconciliation.json"))) as? [String: Any]
        #expect((summary?["problems"] as? [[String: Any]])?.first?["line"] as? Int == 3)

        for (arguments, problem) in [
            (["--statements", paid, "--instructions", folder.appending(path: "nothing.csv").path], "nothing.csv: cannot be opened"),
            (["--instructions", instructions], "give at least one --statements file"),
            (["--instructions", instructions, "--statements", paid, "--rule-pack", "no-such-pack"], "no rule pack no-such-pack"),
        ] {
            let run = await CommandRun(["disbursements", "reconcile", "--report-dir", reports] + arguments)
            #expect(run.exitCode == ExitStatus.usage && run.error.contains(problem), "\(run.error)")
        }
    }
}
