import Foundation
import PrakerjaModels
import PrakerjaTestSupport
import Testing

@testable import PrakerjaSchema

/// The official JSON-Schema-Test-Suite, draft 2020-12 (vendored in `JSONSchemaTestSuite/`, MIT):
/// every case of every keyword the validator supports, the optional format cases of every
/// format it asserts, and the optional regular-expression cases. Remote references resolve to the suite's `remotes/` folder, loaded up front
/// as `http://localhost:1234/...`; nothing is fetched.
@Suite struct OfficialTestSuiteTests {
    static let suite = Repository.root.appending(path: "Tests/PrakerjaSchemaTests/JSONSchemaTestSuite")
    static let tests = suite.appending(path: "tests/draft2020-12")

    /// What the validator does not support, by file or by "file: group", with why. The README lists the same.
    static let unsupported: [String: String] = [
        "vocabulary.json": "$vocabulary is not supported: every vocabulary is always on",
        "defs.json: validate definition against metaschema": "references the 2020-12 meta-schema, which is not loaded: nothing is fetched",
        "ref.json: remote ref, containing refs itself": "references the 2020-12 meta-schema, which is not loaded: nothing is fetched",
    ]

    /// The suite's remote documents, as a registry.
    static func remotes() throws -> SchemaRegistry {
        var registry = SchemaRegistry()
        let root = suite.appending(path: "remotes")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "json" {
            let relative = file.path.dropFirst(root.path.count + 1)
            registry.add(try JSONValue.parse(try Data(contentsOf: file)), uri: "http://localhost:1234/\(relative)")
        }
        return registry
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: tests.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func theSuiteIsThere() {
        #expect(Self.files.count >= 46, "the vendored suite is missing from \(Self.tests.path)")
    }

    @Test(arguments: files)
    func everyCaseOfTheFile(_ file: String) throws {
        guard Self.unsupported[file] == nil else { return }
        try Self.run(file, assertFormats: false)
    }

    @Test(arguments: FormatCheck.allCases.map(\.rawValue))
    func everyCaseOfAnAssertedFormat(_ format: String) throws {
        try Self.run("optional/format/\(format).json", assertFormats: true)
    }

    /// The optional regular-expression cases: ECMA-262's syntax and meaning, and characters beyond the BMP.
    @Test(arguments: ["optional/ecmascript-regex.json", "optional/non-bmp-regex.json"])
    func everyCaseOfTheRegularExpressionFiles(_ file: String) throws {
        try Self.run(file, assertFormats: false)
    }

    /// Runs every group of one file of the suite and records each case that goes the wrong way.
    static func run(_ file: String, assertFormats: Bool) throws {
        let groups = try JSONValue.parse(try Data(contentsOf: tests.appending(path: file)))
        guard case .array(let list) = groups else {
            Issue.record("\(file) is not an array")
            return
        }
        let remotes = try remotes()
        var failures: [String] = []
        var cases = 0, skipped = 0
        for (index, group) in list.enumerated() {
            guard case .string(let description)? = group["description"], let schema = group["schema"], case .array(let tests)? = group["tests"] else {
                continue
            }
            if unsupported["\(file): \(description)"] != nil {
                skipped += 1
                continue
            }
            var registry = remotes
            let uri = "http://json-schema-test-suite.test/\(file.dropLast(5))/\(index).json"
            registry.add(schema, uri: uri)
            let validator = JSONSchemaValidator(registry: registry, assertFormats: assertFormats)
            for test in tests {
                guard case .string(let name)? = test["description"], let data = test["data"], case .bool(let expected)? = test["valid"] else {
                    continue
                }
                cases += 1
                let errors = validator.validate(data, against: uri)
                if errors.isEmpty != expected {
                    failures.append(
                        "\(description) / \(name): expected \(expected ? "valid" : "invalid"), got \(errors.isEmpty ? "valid" : errors.map(\.description).joined(separator: "; "))"
                    )
                }
                // The fast path, on the case's data written out and read as a tape, answers the same.
                let fast = JSONTape(parsing: Array(data.serialized.utf8)).map { validator.isValid($0, against: uri) }
                if fast != expected {
                    failures.append(
                        "\(description) / \(name): expected \(expected ? "valid" : "invalid"), the fast path says \(fast.map(String.init) ?? "not JSON")"
                    )
                }
            }
        }
        #expect(failures.isEmpty, "\(file): \(failures.count) of \(cases) cases fail:\n\(failures.joined(separator: "\n"))")
        #expect(cases > 0 || skipped == list.count, "\(file): no case ran")
    }
}
