import Foundation
import PrakerjaCuration
import PrakerjaModels
import PrakerjaSchema
import PrakerjaTestSupport
import Testing

/// The program's instructions against the partners' statements: every kind of wrong payment
/// found with its references (NIKs masked), every row that cannot be used reported with its
/// file and line and counted, and the exit code saying so. Dates are May 2021, when Idul Fitri
/// (13 and 14 May) made "5 working days" after Monday the 10th end on Wednesday the 19th.
@Suite struct DisbursementReconciliationTests {
    static let recipients = (1...9).map { "32730145089500\(String(format: "%02d", $0))" }

    /// A folder with `files` written in it.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: folder.appending(path: name)) }
        return folder
    }

    static func reconcile(_ folder: URL, statements: [String], partitionBytes: Int = 96 << 20) throws -> ReconciliationReport {
        try DisbursementReconciliation(workingDays: 5, calendar: try WorkingDayCalendar.indonesia(), partitionBytes: partitionBytes)
            .reconcile(instructions: folder.appending(path: "instructions.csv").path, statements: statements.map { folder.appending(path: $0).path })
    }

    static let instructions = """
        reference,partner,nik,incentiveMonth,amount,eligibleOn,note
        PRK-1,DANA,\(recipients[0]),1,600000.00,2021-05-10,on time thanks to Idul Fitri
        PRK-2,DANA,\(recipients[1]),1,600000.00,2021-05-10,a working day late
        PRK-3,DANA,\(recipients[2]),1,600000,2021-05-10,"pending, never paid"
        PRK-4,DANA,\(recipients[3]),1,600000,2021-05-10,no statement at all
        PRK-5,OVO,\(recipients[4]),2,600000,2021-05-10,paid twice under one reference
        PRK-6,OVO,\(recipients[5]),2,600000,2021-05-10,paid less and with a fee
        PRK-7,OVO,\(recipients[6]),2,600000,2021-05-10,to someone else's account
        PRK-8,OVO,\(recipients[7]),3,600000,2021-05-10,the month paid again under PRK-9
        PRK-9,OVO,\(recipients[7]),3,600000,2021-05-11,the second instruction of that month
        PRK-1,DANA,\(recipients[8]),1,600000,2021-05-10,the reference again
        PRK-10,DANA,327301450895,1,600000,2021-05-10,a NIK too short
        PRK-11,DANA,\(recipients[8]),5,600000,2021-05-10,no fifth month

        """

    static let statements = [
        #"{"reference":"PRK-1","partnerReference":"D1","partner":"DANA","amount":"600000.00","fee":"0.00","paidAt":"2021-05-19T16:59:59Z","holderNIK":"\#(recipients[0])","status":"00"}"#,
        #"{"reference":"PRK-2","partnerReference":"D2","partner":"DANA","amount":600000,"fee":0,"paidAt":"2021-05-20T09:00:00+07:00","holderNIK":"\#(recipients[1])","status":"00"}"#,
        #"{"reference":"PRK-3","partnerReference":"D3","partner":"DANA","amount":600000,"fee":0,"paidAt":"2021-05-11T09:00:00+07:00","holderNIK":"\#(recipients[2])","status":"03"}"#,
        #"{"reference":"PRK-1","partnerReference":"D1","partner":"DANA","amount":"600000.00","fee":"0.00","paidAt":"2021-05-19T16:59:59Z","holderNIK":"\#(recipients[0])","status":"00"}"#,
        #"{"reference":"PRK-404","partnerReference":"D9","partner":"DANA","amount":600000,"fee":0,"paidAt":"2021-05-11T09:00:00+07:00","holderNIK":"\#(recipients[8])","status":"00"}"#,
        #"{"reference":"PRK-3","partnerReference":"D3","partner":"GOPAY","amount":600000,"fee":0,"paidAt":"2021-05-11T09:00:00+07:00","holderNIK":"\#(recipients[2])","status":"00"}"#,
        #"{"reference":"PRK-3", "partner": {"name":"DANA"}}"#,
        #"not json at all"#,
    ].joined(separator: "\n")

    static let ovo = """
        status,reference,partnerReference,partner,amount,fee,paidAt,holderNIK
        00,PRK-5,O5a,OVO,600000,0,2021-05-11T10:00:00+07:00,\(recipients[4])
        00,PRK-5,O5b,OVO,600000,0,2021-05-12T10:00:00+07:00,\(recipients[4])
        00,PRK-6,O6,OVO,590000,10000,2021-05-11T10:00:00+07:00,\(recipients[5])
        00,PRK-7,O7,OVO,600000,0,2021-05-11T10:00:00+07:00,\(recipients[0])
        00,PRK-8,O8,OVO,600000,0,2021-05-11T10:00:00+07:00,\(recipients[7])
        00,PRK-9,O9,OVO,600000,0,2021-05-12T10:00:00+07:00,\(recipients[7])
        99,PRK-6,O6x,OVO,600000,0,2021-05-11T10:00:00+07:00,\(recipients[5])
        00,PRK-6,"O6y,OVO,600000,0,2021-05-11T10:00:00+07:00,\(recipients[5])
        00,PRK-6,O6z,OVO,600000.50,0,2021-05-11T10:00:00+07:00,\(recipients[5])

        """

    @Test func everyWrongPaymentIsFoundWithItsReferencesAndEveryDirtyRowWithItsLine() throws {
        let folder = try Self.folder(["instructions.csv": Self.instructions, "dana.jsonl": Self.statements, "ovo.csv": Self.ovo])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Self.reconcile(folder, statements: ["dana.jsonl", "ovo.csv"])
        let found = Set(report.exceptions.map { "\($0.kind.rawValue) \($0.reference)" })
        #expect(
            found == [
                "late PRK-2", "neverPaid PRK-3", "neverPaid PRK-4", "paidTwice PRK-5", "wrongAmount PRK-6", "fee PRK-6",
                "holderMismatch PRK-7", "paidTwice PRK-9", "notInstructed PRK-404",
            ], "\(found.sorted())")
        let late = try #require(report.exceptions.first { $0.kind == .late })
        #expect(late.detail.contains("paid 2021-05-20, due by 2021-05-19") && late.detail.contains("1 working days late"), "\(late.detail)")
        #expect(report.exceptions.first { $0.kind == .neverPaid && $0.reference == "PRK-3" }?.detail.hasSuffix("pending") == true)
        #expect(report.exceptions.first { $0.kind == .paidTwice && $0.reference == "PRK-5" }?.detail.contains("O5b") == true)
        #expect(report.exceptions.first { $0.kind == .paidTwice && $0.reference == "PRK-9" }?.detail.contains("under PRK-8") == true)
        // Personal data masked everywhere: no NIK whole in any exception.
        for exception in report.exceptions {
            #expect(!Self.recipients.contains { exception.detail.contains($0) }, "\(exception.detail)")
        }
        #expect(report.exceptions.first { $0.kind == .holderMismatch }?.detail.contains("************0001") == true)

        let dana = try #require(report.partners.first { $0.partner == "DANA" }), ovo = try #require(report.partners.first { $0.partner == "OVO" })
        #expect(dana.instructions == 4 && dana.paid == 2 && dana.onTime == 1 && dana.notInstructed == 1, "\(dana)")
        #expect(ovo.instructions == 5 && ovo.paid == 5 && ovo.onTime == 1, "\(ovo)")
        #expect(
            report.overall.exceptions == [
                "late": 1, "neverPaid": 2, "paidTwice": 2, "wrongAmount": 1, "fee": 1, "holderMismatch": 1, "notInstructed": 1,
            ])

        let problems = Set(report.problems.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line) \($0.kind.rawValue)" })
        #expect(
            problems == [
                "instructions.csv:11 duplicate", "instructions.csv:12 malformed", "instructions.csv:13 malformed",
                "dana.jsonl:4 duplicate", "dana.jsonl:6 unknown", "dana.jsonl:7 malformed", "dana.jsonl:8 malformed",
                "ovo.csv:8 malformed", "ovo.csv:9 malformed", "ovo.csv:10 malformed",
            ], "\(problems.sorted())")
        #expect(report.problems.first { $0.line == 13 }?.reason.contains("incentiveMonth must be one digit from 1 to 4") == true)
        #expect(report.problems.first { $0.file.hasSuffix("ovo.csv") && $0.line == 10 }?.reason.contains("whole rupiah") == true)
        #expect(report.problemCounts == ["duplicate": 2, "unknown": 1, "malformed": 7])
        #expect(report.exitCode == 4, "a dirty feed says so")

        // Joined a partition at a time (files larger than memory are), the findings are the same.
        for bytes in [64, 200] {
            let partitioned = try Self.reconcile(folder, statements: ["dana.jsonl", "ovo.csv"], partitionBytes: bytes)
            #expect(
                Set(partitioned.exceptions.map { "\($0.kind.rawValue) \($0.reference) \($0.detail)" })
                    == Set(report.exceptions.map { "\($0.kind.rawValue) \($0.reference) \($0.detail)" }))
            #expect(Set(partitioned.problems.map(\.description)) == Set(report.problems.map(\.description)))
            #expect(partitioned.partners == report.partners, "\(bytes) bytes a partition")
        }
    }

    @Test func cleanFeedsExitZeroAndExceptionsExitOne() throws {
        let clean = """
            reference,partner,nik,incentiveMonth,amount,eligibleOn
            PRK-1,DANA,\(Self.recipients[0]),1,600000,2021-05-10

            """
        let paid =
            "reference,partnerReference,partner,amount,fee,paidAt,holderNIK,status\nPRK-1,D1,DANA,600000,0,2021-05-18T23:00:00+07:00,\(Self.recipients[0]),00\n"
        let folder = try Self.folder([
            "instructions.csv": clean, "paid.csv": paid, "none.csv": "reference,partnerReference,partner,amount,fee,paidAt,holderNIK,status\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Self.reconcile(folder, statements: ["paid.csv"])
        #expect(report.exceptions.isEmpty && report.problems.isEmpty && report.exitCode == 0 && report.overall.onTime == 1)
        let unpaid = try Self.reconcile(folder, statements: ["none.csv"])
        #expect(unpaid.exceptions.map(\.kind) == [.neverPaid] && unpaid.exitCode == 1)
    }

    @Test func aFeedThatCannotBeReadIsRefusedNamingItsFile() throws {
        let folder = try Self.folder([
            "instructions.csv": "reference,partner,nik,amount,eligibleOn\n", "statements.txt": "x", "empty.csv": "",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: FeedError.self) { try Self.reconcile(folder, statements: []) }
        do {
            _ = try Self.reconcile(folder, statements: [])
        } catch let error as FeedError {
            #expect(error.reason.contains("the header lacks incentiveMonth"), "\(error)")
        }
        let good = try Self.folder(["instructions.csv": Self.instructions, "statements.txt": "x", "empty.csv": ""])
        defer { try? FileManager.default.removeItem(at: good) }
        for (file, reason) in [("statements.txt", "neither .csv nor .jsonl"), ("empty.csv", "is empty"), ("missing.csv", "cannot be opened")] {
            do {
                _ = try Self.reconcile(good, statements: [file])
                Issue.record("\(file) was read")
            } catch let error as FeedError {
                #expect(error.reason.contains(reason) && error.file.hasSuffix(file), "\(error)")
            }
        }
    }

    /// The rows the reader takes are the rows the contract allows: every clean row of the
    /// fixtures is valid under `Specs/feeds/`, and every row set aside as malformed is not.
    @Test func theReaderAndTheContractAgree() throws {
        var registry = SchemaRegistry()
        for name in ["disbursement-instruction", "disbursement-statement"] {
            registry.add(try SchemaDocument.load(Repository.root.appending(path: "Specs/feeds/\(name).schema.json").path), uri: "file:///\(name)")
        }
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        let lines = Self.statements.split(separator: "\n").map(String.init)
        let malformedLines: Set<Int> = [7, 8]
        for (number, line) in lines.enumerated() {
            let parsed = try? SchemaDocument.parseJSON(Data(line.utf8))
            let valid = parsed.map { validator.validate($0, against: "file:///disbursement-statement").isEmpty } ?? false
            #expect(valid == !malformedLines.contains(number + 1), "line \(number + 1): \(line)")
        }
        let bad =
            #"{"reference":"PRK-1","partnerReference":"D1","partner":"DANA","amount":"600000.50","fee":"0","paidAt":"2021-05-19","holderNIK":"1","status":"99"}"#
        let violations = validator.validate(try SchemaDocument.parseJSON(Data(bad.utf8)), against: "file:///disbursement-statement")
        #expect(Set(violations.map(\.instanceLocation.description)) == ["/amount", "/paidAt", "/holderNIK", "/status"], "\(violations)")
    }
}
