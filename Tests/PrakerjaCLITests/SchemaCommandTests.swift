import Foundation
import PrakerjaTestSupport
import Testing

/// `prakerja schema validate` against the payment contract's top-up request.
@Suite struct SchemaCommandTests {
    static let spec = Repository.root.appending(path: "Specs/payment-partner.openapi.yaml").path
    static let topUp = """
        {"partnerReferenceNo":"PRK-1","customerNumber":"6281234567801","customerName":"Siti Rahmawati",\
        "amount":{"value":"600000.00","currency":"IDR"},"feeAmount":{"value":"0.00","currency":"IDR"},\
        "transactionDate":"2021-11-02T13:14:15+07:00","additionalInfo":{"nik":"3273014508950001","incentiveMonth":1}}
        """

    static func file(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appending(path: "schema-command-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appending(path: name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    static func validate(_ files: [String], ref: String = "/components/schemas/TopUpRequest") async -> CommandRun {
        await CommandRun(["schema", "validate", "--schema", spec, "--ref", ref] + files)
    }

    @Test func aValidInstancePrintsValidAndExitsZero() async throws {
        let run = await Self.validate([try Self.file("topup.json", Self.topUp)])
        #expect(run.exitCode == 0)
        #expect(run.output == "valid\n")
    }

    @Test func anInvalidInstanceNamesThePointerAndTheReason() async throws {
        let numeric = Self.topUp.replacingOccurrences(of: #"{"value":"600000.00","currency":"IDR"}"#, with: #"{"value":600000,"currency":"IDR"}"#)
        let run = await Self.validate([try Self.file("topup.json", numeric)])
        #expect(run.exitCode == 1)
        #expect(run.output == "invalid: /amount/value: an integer is not a string\n")
    }

    @Test func jsonLinesGetOneLabelledLineEach() async throws {
        let lines = [Self.topUp, Self.topUp.replacingOccurrences(of: #""incentiveMonth":1"#, with: #""incentiveMonth":5"#), "", "{not json"]
        let run = await Self.validate([try Self.file("batch.jsonl", lines.joined(separator: "\n"))])
        #expect(run.exitCode == 1)
        let output = run.outputLines
        #expect(output.count == 3)
        #expect(output[0].hasSuffix("batch.jsonl:1: valid"))
        #expect(output[1].hasSuffix("batch.jsonl:2: invalid: /additionalInfo/incentiveMonth: must be at most 4"))
        #expect(output[2].contains("batch.jsonl:4: invalid: /: not JSON"))
    }

    @Test func moreErrorsAreCounted() async throws {
        let run = await Self.validate([try Self.file("empty.json", "{}")])
        #expect(run.exitCode == 1)
        #expect(run.output == "invalid: /: the required property \"partnerReferenceNo\" is missing (+6 more)\n")
    }

    @Test func usageErrorsExitTwoAndNameTheProblem() async throws {
        let instance = try Self.file("topup.json", Self.topUp)
        let badPointer = await Self.validate([instance], ref: "/components/schemas/NoSuchThing")
        #expect(badPointer.exitCode == 2)
        #expect(badPointer.error.contains("--ref /components/schemas/NoSuchThing: names nothing in"))
        let notPointer = await Self.validate([instance], ref: "components")
        #expect(notPointer.exitCode == 2)
        #expect(notPointer.error.contains("not a JSON Pointer"))
        let missing = await Self.validate(["/nonexistent/instance.json"])
        #expect(missing.exitCode == 2)
        #expect(missing.error.contains("/nonexistent/instance.json: cannot be read"))
        let badSchema = await CommandRun(["schema", "validate", "--schema", try Self.file("schema.json", "{\"type\": }"), instance])
        #expect(badSchema.exitCode == 2)
        #expect(badSchema.error.contains("schema.json: not JSON"))
        let noInstances = await CommandRun(["schema", "validate", "--schema", Self.spec])
        #expect(noInstances.exitCode == 2)
    }

    /// The example of the command's own help: a proposal's schema refers into the training
    /// provider's contract by relative path, which is loaded with it.
    @Test func aProposalValidatesAgainstItsSchemaWithTheReferencedContract() async throws {
        let proposals = Repository.root.appending(path: "Conformance/fixtures/proposals")
        let files = try FileManager.default.contentsOfDirectory(atPath: proposals.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { proposals.appending(path: $0).path }
        let schema = Repository.root.appending(path: "Specs/course-proposal.schema.json").path
        let run = await CommandRun(["schema", "validate", "--schema", schema] + files)
        #expect(run.exitCode == 0, "\(run.output)")
        #expect(run.output.split(separator: "\n").allSatisfy { $0.hasSuffix(": valid") }, "\(run.output)")
        let broken = try Self.file("proposal.json", #"{"course": {"title": 7}}"#)
        #expect(await CommandRun(["schema", "validate", "--schema", schema, broken]).exitCode == 1)
    }
}
