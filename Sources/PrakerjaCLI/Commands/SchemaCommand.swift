import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaSchema

/// `prakerja schema`: JSON Schema tools.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Validate JSON documents against a JSON Schema (draft 2020-12) or a schema inside an OpenAPI document.",
        subcommands: [SchemaValidateCommand.self]
    )
}

/// `prakerja schema validate`: one line per instance, exit 0 only if every instance is valid.
struct SchemaValidateCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate .json files (one instance each) or .jsonl files (one instance per line); exit 1 if any is invalid.",
        discussion: """
            Prints one line per instance: 'valid', or 'invalid: <instance pointer>: <reason>' for
            its first error ('(+N more)' when there are others). With more than one instance,
            each line starts with '<file>:' or '<file>:<line>:'. References resolve inside the
            schema document and the local files it names by relative path (a proposal's course
            detail in training-provider.openapi.yaml); nothing is fetched.

            Exit codes: 0 every instance is valid, 1 one or more is invalid, 2 usage error (a
            schema that cannot be read, a pointer that names nothing, a missing file).

            Examples:
              prakerja schema validate --schema Specs/payment-partner.openapi.yaml \\
                --ref /components/schemas/TopUpRequest topup.json
              prakerja schema validate --schema course-proposal.schema.json proposals.jsonl
            """
    )

    @Option(help: "The schema document: a JSON Schema (.json) or an OpenAPI document (.yaml, .yml or .json).")
    var schema: String

    @Option(help: "A JSON Pointer to the schema inside the document, like /components/schemas/TopUpRequest.")
    var ref: String?

    @Flag(help: "Assert the formats date-time, date, time, uuid and ipv4 instead of treating them as annotations.")
    var assertFormats = false

    @Argument(help: "The instances: .json files, or .jsonl files with one instance per line.")
    var instances: [String] = []

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard !instances.isEmpty else { throw .usage("give at least one instance file to validate") }
        let document: JSONValue
        do { document = try SchemaDocument.load(schema) } catch { throw .usage("--schema \(error)") }
        let pointerText = ref ?? ""
        guard let pointer = JSONPointer(pointerText) else {
            throw .usage("--ref \(pointerText): not a JSON Pointer (it must start with '/')")
        }
        guard pointer.resolve(in: document) != nil else { throw .usage("--ref \(pointerText): names nothing in \(schema)") }

        var registry = SchemaRegistry()
        let uri: String
        do { uri = try registry.addFile(schema) } catch { throw .usage("--schema \(error)") }
        let validator = JSONSchemaValidator(registry: registry, assertFormats: assertFormats)
        let target = pointer.tokens.isEmpty ? uri : uri + "#" + pointer.uriFragment

        let inputs = try readInstances()
        let labelled = inputs.count > 1
        var allValid = true
        for input in inputs {
            let prefix = labelled ? "\(input.label): " : ""
            let verdict: String
            switch input.content {
            case .failure(let reason):
                verdict = "invalid: /: \(reason)"
            case .success(let instance):
                let errors = validator.validate(instance, against: target)
                if let first = errors.first {
                    verdict = "invalid: \(first)" + (errors.count > 1 ? " (+\(errors.count - 1) more)" : "")
                } else {
                    verdict = "valid"
                }
            }
            if verdict != "valid" { allValid = false }
            io.print(prefix + verdict)
        }
        return allValid ? ExitStatus.passed : ExitStatus.failed
    }

    /// One instance to validate: where it came from, and the parsed value or why it is not JSON.
    private struct Instance {
        let label: String
        let content: Result<JSONValue, Reason>
    }

    private struct Reason: Error, CustomStringConvertible {
        let description: String
    }

    private func readInstances() throws(CommandFailure) -> [Instance] {
        var result: [Instance] = []
        for path in instances {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw .usage("\(path): cannot be read (\(error.localizedDescription))")
            }
            if path.hasSuffix(".jsonl") {
                for (number, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
                where !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                    result.append(Instance(label: "\(path):\(number + 1)", content: Self.parse(Data(line))))
                }
            } else {
                result.append(Instance(label: path, content: Self.parse(data)))
            }
        }
        return result
    }

    private static func parse(_ data: Data) -> Result<JSONValue, Reason> {
        do { return .success(try SchemaDocument.parseJSON(data)) } catch { return .failure(Reason(description: error.reason)) }
    }
}
