import Foundation
import PrakerjaModels
import PrakerjaSchema
import Testing

/// What the validator says when an instance fails: the instance pointer, the keyword's schema
/// location and the reason; and what it refuses to do (fetch, recurse forever).
@Suite struct ValidatorMessageTests {
    static func validator(_ schema: String, uri: String = "https://kit.test/schema.json") throws -> JSONSchemaValidator {
        var registry = SchemaRegistry()
        registry.add(try JSONValue.parse(Data(schema.utf8)), uri: uri)
        return JSONSchemaValidator(registry: registry)
    }

    static func errors(_ schema: String, _ instance: String) throws -> [SchemaViolation] {
        try validator(schema).validate(try JSONValue.parse(Data(instance.utf8)), against: "https://kit.test/schema.json")
    }

    @Test func anErrorNamesTheInstancePointerTheSchemaLocationAndTheReason() throws {
        let schema =
            ##"{"$defs":{"price":{"type":"integer","minimum":1}},"properties":{"items":{"items":{"properties":{"price":{"$ref":"#/$defs/price"}}}}}}"##
        let errors = try Self.errors(schema, #"{"items":[{"price":5},{"price":0}]}"#)
        #expect(errors.count == 1)
        #expect(errors[0].instanceLocation.description == "/items/1/price")
        #expect(errors[0].schemaLocation == "https://kit.test/schema.json#/$defs/price/minimum")
        #expect(errors[0].description == "/items/1/price: must be at least 1")
    }

    @Test func additionalPropertiesPointAtTheProperty() throws {
        let errors = try Self.errors(#"{"properties":{"a":true},"additionalProperties":false}"#, #"{"a":1,"nik":"3273014508950001"}"#)
        #expect(errors.map(\.description) == [#"/nik: the property "nik" is not allowed"#])
    }

    @Test func aReferenceOutsideTheLoadedDocumentsIsAnErrorNotAFetch() throws {
        let errors = try Self.errors(#"{"$ref":"https://json-schema.org/draft/2020-12/schema"}"#, "{}")
        #expect(errors.count == 1)
        #expect(errors[0].reason.contains("names nothing in the loaded documents"))
        let unknown = try Self.validator("{}").validate(.null, against: "https://elsewhere.test/x.json")
        #expect(unknown.first?.reason.contains("not in the loaded documents") == true)
    }

    @Test func aReferenceLoopEndsWithAnError() throws {
        let errors = try Self.errors(##"{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##, "1")
        #expect(errors.count == 1)
        #expect(errors[0].reason.contains("recurses more than"))
    }

    @Test func numbersCompareExactly() throws {
        #expect(try Self.errors(#"{"multipleOf":0.01}"#, "600000.10").isEmpty)
        #expect(try Self.errors(#"{"multipleOf":0.01}"#, "600000.105").count == 1)
        #expect(try Self.errors(#"{"type":"integer"}"#, "1.0").isEmpty)
        #expect(try Self.errors(#"{"maximum":9007199254740993}"#, "9007199254740994").count == 1)
    }

    @Test func anOpenAPIDocumentIsReadFromYAMLWithItsComponents() throws {
        let yaml = """
            openapi: 3.1.0
            components:
              schemas:
                Amount:
                  type: object
                  required: [value]
                  properties:
                    value: { type: string, pattern: '^[0-9]+\\.[0-9]{2}$' }
                    when: { type: string, format: date }
                Payment:
                  type: object
                  properties:
                    amount: { $ref: '#/components/schemas/Amount' }
                    count: { type: integer, maximum: 4 }
                    enabled: { type: boolean }
                    ratio: { type: number, minimum: 0.5 }
                    code: { const: '2003800' }
                    day: { const: 2021-11-02 }
            """
        let document = try SchemaDocument.parseYAML(Data(yaml.utf8))
        var registry = SchemaRegistry()
        registry.add(document, uri: "file:///spec.yaml", schemaRoots: [JSONPointer("/components/schemas/Payment")!])
        let validator = JSONSchemaValidator(registry: registry, assertFormats: true)
        let valid = try JSONValue.parse(
            Data(#"{"amount":{"value":"1.00","when":"2021-11-02"},"count":4,"enabled":true,"ratio":0.5,"code":"2003800","day":"2021-11-02"}"#.utf8))
        #expect(validator.validate(valid, against: "file:///spec.yaml#/components/schemas/Payment").isEmpty)
        let invalid = try JSONValue.parse(Data(#"{"amount":{"value":"1.5","when":"2021-02-30"},"count":5,"enabled":"yes","ratio":0.25}"#.utf8))
        let errors = validator.validate(invalid, against: "file:///spec.yaml#/components/schemas/Payment").map(\.description).sorted()
        #expect(
            errors == [
                "/amount/value: does not match the pattern ^[0-9]+\\.[0-9]{2}$",
                "/amount/when: is not a valid date: expected a calendar date, like 2021-11-02",
                "/count: must be at most 4",
                "/enabled: a string is not a boolean",
                "/ratio: must be at least 0.5",
            ])
    }

    @Test func badYAMLNamesWhereItBroke() {
        #expect(throws: SchemaDocument.LoadError.self) { try SchemaDocument.parseYAML(Data("a: [1, 2\nb: c".utf8)) }
        #expect(throws: SchemaDocument.LoadError.self) { try SchemaDocument.parseYAML(Data("".utf8)) }
    }
}
