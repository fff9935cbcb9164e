import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSchema
import Synchronization

/// What a training institution submits for assessment (`Specs/course-proposal.schema.json`): the
/// provider, the digital platforms it sells through, the course as the training-provider contract
/// describes it, and the design facts the contract does not carry.
public struct CourseProposal: Sendable, Codable {
    public struct Provider: Sendable, Codable {
        public let code: String
        public let name: String
        public let legalEntity: String
        public let businessLicence: String
        public let address: String
        public let contactEmail: String
        public let contactPhone: String
        public let dataProtectionContact: String?
        public let facilities: [String]?

        public init(
            code: String, name: String, legalEntity: String = "", businessLicence: String = "", address: String = "", contactEmail: String = "",
            contactPhone: String = "", dataProtectionContact: String? = nil, facilities: [String]? = nil
        ) {
            self.code = code
            self.name = name
            self.legalEntity = legalEntity
            self.businessLicence = businessLicence
            self.address = address
            self.contactEmail = contactEmail
            self.contactPhone = contactPhone
            self.dataProtectionContact = dataProtectionContact
            self.facilities = facilities
        }

        /// Reads a provider file (the `provider` part of a proposal, for `prakerja assess
        /// --provider`), validated against that part of `Specs/course-proposal.schema.json` first.
        public static func load(_ path: String, root: String = KitFiles.defaultRoot) throws(Invalid) -> Provider {
            do { return try CourseProposal.validated(Provider.self, path, schema: schemaURI(root: root) + "#/properties/provider", root: root) } catch
            {
                var invalid = error
                invalid.kind = "provider (the provider part of Specs/course-proposal.schema.json)"
                throw invalid
            }
        }
    }

    public struct Design: Sendable, Codable {
        public struct ModuleRationale: Sendable, Codable {
            public let module: Int
            public let reason: String
            public let competencies: [String]
        }

        public struct Assistant: Sendable, Codable {
            public let name: String
            public let role: String
        }

        public let curriculumReferences: [String]
        public let moduleRationale: [ModuleRationale]
        public let interaction: [String]
        public let supportingTools: [String]
        public let needsNoTools: Bool?
        public let freeElsewhere: Bool
        public let language: String
        public let assistants: [Assistant]?
    }

    /// In fixtures only: the decision and failures the proposal should get.
    public struct Expected: Sendable, Codable {
        public let decision: String?
        public let fails: [String]?
        public let why: String?
        public let rulePack: String?
    }

    public let proposalID: String
    public let submittedOn: String
    public let provider: Provider
    public let platforms: [String]
    public let course: CourseDetail
    public let design: Design
    public let expected: Expected?

    /// A proposal whose design facts are unknown: what an LP's endpoint gives (`--from-provider`).
    /// Indicators that need the design get no evidence and go to review.
    public init(course: CourseDetail, provider: Provider) {
        self.proposalID = "ENDPOINT-" + course.course.code
        self.submittedOn = CalendarDate(Date()).description
        self.provider = provider
        self.platforms = []
        self.course = course
        self.design = Design(
            curriculumReferences: [], moduleRationale: [], interaction: [], supportingTools: [], needsNoTools: nil,
            freeElsewhere: false, language: "id", assistants: nil)
        self.expected = nil
    }

    /// Why a proposal file was refused: every schema violation, with its pointer.
    public struct Invalid: Error, CustomStringConvertible {
        public let file: String
        public let problems: [String]
        /// What the file should have been: a course proposal, or a provider.
        public var kind = "course proposal"
        public var description: String { "\(file) is not a valid \(kind):\n" + problems.map { "  \($0)" }.joined(separator: "\n") }
    }

    /// Reads a proposal file, validated against `Specs/course-proposal.schema.json` (under `root`)
    /// first: a file that does not match gets every violation listed, and nothing else happens.
    public static func load(_ path: String, root: String = KitFiles.defaultRoot) throws(Invalid) -> CourseProposal {
        try validated(CourseProposal.self, path, schema: schemaURI(root: root), root: root)
    }

    /// A proposal sent as `data` (an upload), validated as `load` validates a file; `name` says
    /// what it is in the problems.
    public static func parse(_ data: Data, named name: String, root: String = KitFiles.defaultRoot) throws(Invalid) -> CourseProposal {
        try validated(CourseProposal.self, data, named: name, schema: schemaURI(root: root), root: root)
    }

    /// Reads a file of `T`, validated against `schema` first.
    static func validated<T: Decodable>(_ type: T.Type, _ path: String, schema: String, root: String) throws(Invalid) -> T {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Invalid(file: path, problems: ["cannot be read: \(error.localizedDescription)"])
        }
        return try validated(type, data, named: path, schema: schema, root: root)
    }

    /// `data` as a `T`, validated against `schema` first.
    static func validated<T: Decodable>(_ type: T.Type, _ data: Data, named path: String, schema: String, root: String) throws(Invalid) -> T {
        let value: JSONValue
        do { value = try SchemaDocument.parseJSON(data) } catch { throw Invalid(file: path, problems: [error.reason]) }
        let violations: [SchemaViolation]
        do { violations = try Self.validator(root: root).validate(value, against: schema) } catch {
            throw Invalid(file: path, problems: ["the kit cannot read its proposal schema: \(error)"])
        }
        guard violations.isEmpty else { throw Invalid(file: path, problems: violations.map(\.description)) }
        do { return try CompactJSONDecoder().decode(T.self, from: Array(data)) } catch {
            throw Invalid(file: path, problems: [DecodingProblem.describe(error)])
        }
    }

    static func schemaURI(root: String) -> String {
        URL(fileURLWithPath: "\(root)/Specs/course-proposal.schema.json").standardizedFileURL.absoluteString
    }

    /// The validators made so far, by kit folder: the two documents are read and the schema
    /// compiled once per process, not once per proposal.
    private static let validators = Mutex<[String: JSONSchemaValidator]>([:])

    /// The proposal schema and the training-provider contract it refers to, in one registry.
    static func validator(root: String) throws -> JSONSchemaValidator {
        if let known = validators.withLock({ $0[root] }) { return known }
        let made = try makeValidator(root: root)
        validators.withLock { $0[root] = made }
        return made
    }

    private static func makeValidator(root: String) throws -> JSONSchemaValidator {
        var registry = SchemaRegistry()
        try registry.addFile("\(root)/Specs/course-proposal.schema.json")
        return JSONSchemaValidator(registry: registry, assertFormats: true)
    }
}
