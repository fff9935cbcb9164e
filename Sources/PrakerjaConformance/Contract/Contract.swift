import Crypto
import Foundation
import OpenAPIKit
import PrakerjaClient
import PrakerjaModels
import PrakerjaSchema
import Synchronization
import Yams

/// A partner role's contract (`Specs/*.openapi.yaml`) as the kit checks against it: parsed and
/// validated with OpenAPIKit, its operations indexed, and its schemas ready for the kit's own
/// JSON Schema validator.
public struct Contract: Sendable {
    /// Why a contract could not be loaded.
    public struct LoadError: Error, CustomStringConvertible {
        public let description: String
    }

    public let path: String
    /// SHA-256 of the exact file, recorded in every report.
    public let sha256: String
    public let document: JSONValue
    public let operations: [ContractOperation]
    let uri: String
    let validator: JSONSchemaValidator

    /// Loads the contract at `path`. A file this process loaded before, unchanged, is not parsed
    /// again (the same contract is read by every run of its role, and parsing it is most of the
    /// cost of a short run).
    public static func load(_ path: String) throws(LoadError) -> Contract {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw LoadError(description: "\(path): cannot be read (\(error.localizedDescription))")
        }
        let digest = sha256(of: data)
        if let known = loaded.withLock({ $0[path] }), known.sha256 == digest { return known }
        let contract = try parse(data, path: path, sha256: digest)
        loaded.withLock { $0[path] = contract }
        return contract
    }

    /// The contract last loaded from each path in this process (a file that changed replaces it).
    private static let loaded = Mutex<[String: Contract]>([:])

    private static func parse(_ data: Data, path: String, sha256: String) throws(LoadError) -> Contract {
        do {
            let openAPI = try YAMLDecoder().decode(OpenAPI.Document.self, from: String(decoding: data, as: UTF8.self))
            try openAPI.validate()
        } catch {
            throw LoadError(description: "\(path): not a valid OpenAPI document: \(String(describing: error).prefix(300))")
        }
        let document: JSONValue
        do { document = try SchemaDocument.parseYAML(data) } catch { throw LoadError(description: "\(path): \(error.reason)") }
        return try Contract(path: path, sha256: sha256, document: document)
    }

    /// The hex SHA-256 of a contract file as reports record it, or nil if it cannot be read.
    public static func sha256(ofFile path: String) -> String? {
        (try? Data(contentsOf: URL(fileURLWithPath: path))).map(sha256(of:))
    }

    package static func sha256(of data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    init(path: String, sha256: String, document: JSONValue) throws(LoadError) {
        self.path = path
        self.sha256 = sha256
        self.document = document
        self.uri = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        var registry = SchemaRegistry()
        var roots: [JSONPointer] = []
        if case .object(let schemas)? = document["components"]?["schemas"] {
            roots = schemas.map { JSONPointer(tokens: ["components", "schemas", $0.key]) }
        }
        registry.add(document, uri: uri, schemaRoots: roots)
        self.validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        guard case .object(let paths)? = document["paths"] else { throw LoadError(description: "\(path): no paths") }
        var operations: [ContractOperation] = []
        for (template, item) in paths {
            guard case .object(let methods) = item else { continue }
            for (method, operation) in methods where ContractOperation.methods.contains(method) {
                operations.append(ContractOperation(document: document, template: template, method: method, operation: operation))
            }
        }
        self.operations = operations
    }

    /// The operation that serves `method` and `path` (a concrete path: `/v1/courses/KOPI-01`).
    public func operation(method: String, path: String) -> ContractOperation? {
        operations.first { $0.method == method.uppercased() && $0.matches(path) }
    }

    /// The operation with this `operationId`.
    public func operation(id: String) -> ContractOperation? { operations.first { $0.id == id } }

    /// Validates `value` against the schema at `pointer` in this document.
    public func validate(_ value: JSONValue, against pointer: JSONPointer) -> [SchemaViolation] {
        validator.validate(value, against: uri + "#" + pointer.uriFragment)
    }

    /// Whether the document in `tape` is valid against the schema at `pointer` (the fast path:
    /// stops at the first failure and builds no error).
    public func isValid(_ tape: JSONTape, against pointer: JSONPointer) -> Bool {
        validator.isValid(tape, against: uri + "#" + pointer.uriFragment)
    }

    /// Everything about `response` the contract says for `operation`: the status is declared, the
    /// content type is JSON, the body is JSON and matches the status's schema. Findings name the
    /// instance pointer, the schema keyword and the reason.
    public func problems(with response: TransportResponse, of operation: ContractOperation, exchange: Int? = nil) -> [Finding] {
        let where_ = "\(operation.method) \(operation.template) → \(response.status)"
        guard let declared = operation.response(for: response.status) else {
            return [
                Finding(
                    "HTTP \(response.status) is not a status the contract declares for \(operation.id)", location: where_,
                    expected: operation.statuses.joined(separator: ", "), actual: String(response.status), exchange: exchange)
            ]
        }
        guard let schema = declared.schema else { return [] }
        let contentType = response.header("Content-Type") ?? ""
        guard contentType.lowercased().hasPrefix("application/json") else {
            return [
                Finding(
                    "the response is not JSON", location: "\(where_) Content-Type", expected: "application/json",
                    actual: contentType.isEmpty ? "(none)" : contentType, exchange: exchange)
            ]
        }
        // Most answers are valid: judged on a tape first, errors built only for one that is not.
        if let tape = JSONTape(parsing: response.body), isValid(tape, against: schema) { return [] }
        let body: JSONValue
        do { body = try JSONValue.parse(response.body) } catch {
            return [
                Finding(
                    "the body is not JSON: \(Self.reason(error))", location: where_, expected: "JSON",
                    actual: Redaction.body(Array(response.body.prefix(200))), exchange: exchange)
            ]
        }
        return validate(body, against: schema).map { error in
            Finding(
                error.reason, location: "\(where_) body \(error.instanceLocation.tokens.isEmpty ? "/" : error.instanceLocation.description)",
                expected: "schema \(error.schemaLocation.split(separator: "#").last.map(String.init) ?? error.schemaLocation)",
                actual: JSONPointer(error.instanceLocation.description).flatMap { $0.resolve(in: body) }.map {
                    Redaction.body(Array($0.serialized.utf8))
                },
                exchange: exchange)
        }
    }

    static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}

/// One operation of a contract.
public struct ContractOperation: Sendable {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch"]

    /// A declared response: its JSON schema's location, if it has a JSON body.
    public struct Response: Sendable {
        public let schema: JSONPointer?
    }

    public let id: String
    public let method: String
    public let template: String
    /// SNAP's 2-digit service code (`x-service-code`), for the payment contract.
    public let serviceCode: String?
    /// Every code the operation may answer (`x-response-codes`), with the service code filled in.
    public let responseCodes: [String]
    /// Declared statuses (`200`, `4XX`, `default`) and their responses.
    public let responses: [(status: String, response: Response)]
    /// Where the JSON request body's schema is, if the operation takes one.
    public let requestSchema: JSONPointer?
    /// The query parameters it declares, each with its schema.
    public let queryParameters: [(name: String, schema: JSONValue)]
    /// The path parameters it declares, each with where its schema is.
    public let pathParameters: [(name: String, schema: JSONPointer)]

    public var statuses: [String] { responses.map(\.status) }

    init(document: JSONValue, template: String, method: String, operation: JSONValue) {
        let base = JSONPointer(tokens: ["paths", template, method])
        self.template = template
        self.method = method.uppercased()
        self.id = if case .string(let id)? = operation["operationId"] { id } else { "\(method.uppercased()) \(template)" }
        self.serviceCode = if case .string(let code)? = operation["x-service-code"] { code } else { nil }
        if case .array(let codes)? = operation["x-response-codes"] {
            responseCodes = codes.compactMap { if case .string(let code) = $0 { code } else { nil } }
        } else {
            responseCodes = []
        }
        var responses: [(String, Response)] = []
        if case .object(let declared)? = operation["responses"] {
            for (status, _) in declared {
                let pointer = Self.dereference(base.appending("responses").appending(status), in: document)
                let schema = pointer.appending("content").appending("application/json").appending("schema")
                responses.append((status, Response(schema: schema.resolve(in: document) == nil ? nil : schema)))
            }
        }
        self.responses = responses
        let body = Self.dereference(base.appending("requestBody"), in: document).appending("content").appending("application/json").appending(
            "schema")
        self.requestSchema = body.resolve(in: document) == nil ? nil : body
        var query: [(String, JSONValue)] = [], path: [(String, JSONPointer)] = []
        if case .array(let parameters)? = operation["parameters"] {
            for (index, _) in parameters.enumerated() {
                let pointer = Self.dereference(base.appending("parameters").appending(String(index)), in: document)
                let parameter = pointer.resolve(in: document)
                // A schema by reference (`$ref: '#/components/schemas/LearningMethod'`) is read where it points.
                guard case .string(let place)? = parameter?["in"], case .string(let name)? = parameter?["name"],
                    let schema = Self.dereference(pointer.appending("schema"), in: document).resolve(in: document)
                else { continue }
                if place == "query" { query.append((name, schema)) }
                if place == "path" { path.append((name, pointer.appending("schema"))) }
            }
        }
        self.queryParameters = query
        self.pathParameters = path
    }

    /// The declared response for `status`: exact, then `4XX`-style, then `default`.
    public func response(for status: Int) -> Response? {
        let exact = String(status), range = "\(status / 100)XX"
        return
            (responses.first { $0.status == exact } ?? responses.first { $0.status.uppercased() == range }
            ?? responses.first { $0.status == "default" })?.response
    }

    /// Whether a concrete path fits the template (`{name}` matches one segment).
    public func matches(_ path: String) -> Bool {
        let concrete = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        let want = template.split(separator: "/", omittingEmptySubsequences: false)
        let have = concrete.split(separator: "/", omittingEmptySubsequences: false)
        guard want.count == have.count else { return false }
        return zip(want, have).allSatisfy { pattern, segment in
            (pattern.hasPrefix("{") && pattern.hasSuffix("}") && !segment.isEmpty) || pattern == segment
        }
    }

    /// The template with every path parameter naming nothing the partner has
    /// (`/v1/courses/NOSUCH1A2B3C4D`), or nil for a path without parameters.
    func pathOfNothing(token: String) -> String? {
        template.contains("{") ? template.replacing(/\{[^}]+\}/, with: "NOSUCH\(token.prefix(8).uppercased())") : nil
    }

    /// Follows a `$ref` (to `#/components/...`) at `pointer`, once.
    private static func dereference(_ pointer: JSONPointer, in document: JSONValue) -> JSONPointer {
        guard case .string(let reference)? = pointer.resolve(in: document)?["$ref"], reference.hasPrefix("#"),
            let target = JSONPointer(String(reference.dropFirst()))
        else { return pointer }
        return target
    }
}
