import Foundation
import PrakerjaSandbox
import PrakerjaTestSupport
import Testing

/// A partner that is not written in Swift: Python's standard library signs the request the way
/// the program's public examples build it (string concatenation, hmac, sha1), and the sandbox accepts it.
@Suite struct PythonPartnerTests {
    static let script = #"""
        import hashlib, hmac, json, sys, time, urllib.request
        base_url, client_code, sign_key = sys.argv[1], sys.argv[2], sys.argv[3]
        path = "/api/v1/integration/payment/redeem-code/status"
        body = '{"redeem_code":"PRAT-TC1-001-200","sequence":1}'
        timestamp = str(int(time.time()))
        message = client_code + timestamp + "POST" + path + body
        signature = hmac.new(sign_key.encode(), message.encode(), hashlib.sha1).hexdigest()
        request = urllib.request.Request(base_url + path, data=body.encode(), method="POST", headers={
            "Content-Type": "application/json", "client_code": client_code, "timestamp": timestamp, "signature": signature})
        with urllib.request.urlopen(request, timeout=60) as response:
            envelope = json.load(response)
        assert envelope["success"] is True, envelope
        print(envelope["data"]["course_type_label"])
        """#

    @Test func pythonHmacSignedRequestIsAccepted() async throws {
        try await SandboxHarness.run { h in
            let lp = SandboxHarness.lpClient
            let result = try await ChildProcess.run(["python3", "-c", Self.script, h.sandbox.baseURL, lp.code, lp.signKey])
            #expect(result.status == 0, "python3 failed: \(result.output)")
            #expect(result.output == "Daring LMS\n")
            #expect(h.sandbox.logEntries().last?.signature == "valid")
        }
    }
}
