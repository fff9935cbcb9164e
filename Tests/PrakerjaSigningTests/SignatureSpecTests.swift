import Foundation
import PrakerjaSigning
import PrakerjaTestSupport
import Testing

/// `Specs/signatures.md` quotes signatures and digests; each must be one the independent
/// implementation produced, so the document cannot drift from the vectors the code is tested on.
@Suite struct SignatureSpecTests {
    @Test func everyValueQuotedInTheSpecComesFromTheVectors() throws {
        let spec = try String(contentsOf: Repository.url("Specs/signatures.md"), encoding: .utf8)
        let vectors = try String(contentsOf: Repository.url("Conformance/vectors/signatures.json"), encoding: .utf8)
        let patterns = [
            "\\b[0-9a-f]{40}\\b",  // program signatures
            "\\b[0-9a-f]{64}\\b",  // body digests
            "[A-Za-z0-9+/]{86}==",  // SNAP symmetric signatures
            "starts ([A-Za-z0-9+/]{40})",  // RSA signature prefixes
        ]
        var checked = 0
        for pattern in patterns {
            let expression = try NSRegularExpression(pattern: pattern)
            for match in expression.matches(in: spec, range: NSRange(spec.startIndex..., in: spec)) {
                let range = Range(match.range(at: match.numberOfRanges - 1), in: spec)!
                let value = String(spec[range])
                #expect(vectors.contains(value), "Specs/signatures.md quotes \(value), which signatures.json does not contain")
                checked += 1
            }
        }
        #expect(checked >= 15)
    }

    @Test func theSpecsWorkedExampleIsReproduced() {
        let signature = ProgramSignature(clientCode: "client_code", signKey: "sign_key").signature(
            timestamp: "1698289216", method: "POST", path: "/api/v1/integration/payment/redeem-code/status",
            body: Data(#"{"redeem_code":"GHOPNYXUVMT0","sequence":1}"#.utf8))
        #expect(signature == "558778d032871ecbf257394c189f5b3bf0672178")
    }
}
