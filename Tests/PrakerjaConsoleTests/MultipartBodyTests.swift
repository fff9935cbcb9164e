import Testing

@testable import PrakerjaConsole

/// Forms with a file, as browsers send them: the parts are found whatever their bytes hold, and a
/// body that is not well formed gives none at all (the console refuses it as unreadable).
@Suite struct MultipartBodyTests {
    static func body(_ boundary: String, _ parts: [(headers: String, data: String)], closed: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "--\(boundary)\r\n\(part.headers)\r\n\r\n\(part.data)\r\n" }
        return Array((text + (closed ? "--\(boundary)--\r\n" : "")).utf8)
    }

    @Test func theBoundaryComesFromTheContentType() {
        #expect(MultipartBody.boundary("multipart/form-data; boundary=----WebKitFormBoundaryAb12") == "----WebKitFormBoundaryAb12")
        #expect(MultipartBody.boundary(#"Multipart/Form-Data; charset=utf-8; boundary="a b""#) == "a b")
        #expect(MultipartBody.boundary("application/x-www-form-urlencoded") == nil)
        #expect(MultipartBody.boundary("multipart/form-data") == nil)
        #expect(MultipartBody.boundary("multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test func fieldsAndFilesAreFoundWhateverTheirBytesHold() throws {
        let file = "{\"a\": \"line\r\nbreak --not-the-boundary\"}"
        let parts = MultipartBody.parts(
            Self.body(
                "XyZ",
                [
                    (#"Content-Disposition: form-data; name="csrf""#, "token"),
                    ("Content-Disposition: form-data; name=\"proposal\"; filename=\"p.json\"\r\nContent-Type: application/json", file),
                ]), boundary: "XyZ")
        let found = try #require(parts)
        #expect(found.map(\.name) == ["csrf", "proposal"])
        #expect(found.map(\.filename) == [nil, "p.json"])
        #expect(String(decoding: found[1].data, as: UTF8.self) == file)
    }

    @Test(arguments: [
        "no boundary at all", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nnever closed",
        "--XyZ\r\nno blank line after the headers\r\n--XyZ--\r\n", "",
        "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ", "--XyZ junk\r\n--XyZ--\r\n",
    ])
    func aBodyThatIsNotWellFormedGivesNoParts(_ body: String) {
        #expect(MultipartBody.parts(Array(body.utf8), boundary: "XyZ") == nil)
    }

    @Test func anEmptyFormIsWellFormed() {
        #expect(MultipartBody.parts(Array("--XyZ--\r\n".utf8), boundary: "XyZ")?.isEmpty == true)
    }

    @Test func aPartWithoutANameIsLeftOut() {
        let parts = MultipartBody.parts(
            Self.body("B", [("Content-Disposition: form-data", "x"), (#"Content-Disposition: form-data; name="b""#, "y")]), boundary: "B")
        #expect(parts?.map(\.name) == ["b"])
    }
}
