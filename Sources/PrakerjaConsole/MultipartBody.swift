import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file: each part's
/// field name, its file name when it is a file, and its bytes. A body that is not well formed
/// gives no parts at all (the console refuses the form as unreadable).
enum MultipartBody {
    struct Part: Sendable {
        let name: String
        let filename: String?
        let data: [UInt8]
    }

    /// The boundary a `Content-Type` of `multipart/form-data` names, or nil for another type.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            return (1...70).contains(value.count) ? value : nil
        }
        return nil
    }

    /// The parts of `body` between the delimiters of `boundary`, up to the closing one; nil when
    /// the body is not well formed (no delimiter, a part without its headers' end, no closing
    /// delimiter): such a form is refused, never read in part.
    static func parts(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array("--\(boundary)".utf8), separator = Array("\r\n\r\n".utf8)
        guard var start = find(delimiter, in: body, from: 0) else { return nil }
        var parts: [Part] = []
        while true {
            let after = start + delimiter.count
            guard after + 2 <= body.count else { return nil }
            // The closing delimiter ends the body; anything else but a line break is malformed.
            if body[after..<after + 2].elementsEqual("--".utf8) { return parts }
            guard body[after..<after + 2].elementsEqual([13, 10]),
                let next = find(Array("\r\n--\(boundary)".utf8), in: body, from: after + 2),
                let headersEnd = find(separator, in: body, from: after + 2), headersEnd < next
            else { return nil }
            let headers = String(decoding: body[(after + 2)..<headersEnd], as: UTF8.self)
            if let (name, filename) = disposition(headers) {
                parts.append(Part(name: name, filename: filename, data: Array(body[(headersEnd + separator.count)..<next])))
            }
            start = next + 2
        }
    }

    /// The field name and file name a part's `Content-Disposition: form-data` header gives.
    static func disposition(_ headers: String) -> (name: String, filename: String?)? {
        for line in headers.components(separatedBy: "\r\n") {
            let header = line.split(separator: ":", maxSplits: 1)
            guard header.count == 2, header[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?, filename: String?
            for parameter in header[1].split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value =
                    pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": filename = value
                default: break
                }
            }
            return name.map { ($0, filename) }
        }
        return nil
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var index = from
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
