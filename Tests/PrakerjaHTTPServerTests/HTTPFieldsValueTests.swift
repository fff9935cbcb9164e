import HTTPTypes
import PrakerjaHTTPServer
import Testing

/// A header's value as the pipeline reads it: what the subscript answers, a repeated header
/// joined (so a second `signature` header never lets the first one alone be checked).
@Suite struct HTTPFieldsValueTests {
    @Test func aHeaderSentOnceIsItsValueWhateverTheNamesCase() throws {
        var fields = HTTPFields()
        fields[HTTPField.Name("Client_Code")!] = "LP001"
        fields[.contentType] = "application/json"
        #expect(fields.value(.programClientCode) == "LP001")
        #expect(fields.value(.contentType) == "application/json")
        #expect(fields.value(.programSignature) == nil)
    }

    @Test func aRepeatedHeaderIsJoinedAsTheSubscriptJoinsIt() throws {
        var fields = HTTPFields()
        fields.append(HTTPField(name: .programSignature, value: "aaaa"))
        fields.append(HTTPField(name: .contentType, value: "application/json"))
        fields.append(HTTPField(name: .programSignature, value: "bbbb"))
        #expect(fields.value(.programSignature) == "aaaa, bbbb")
        #expect(fields.value(.programSignature) == fields[.programSignature])
    }
}
