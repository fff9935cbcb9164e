import PrakerjaModels

/// What evidence may show of an exchange: credentials never, personal data masked.
enum Redaction {
    /// Headers whose values are credentials: shown only as their length.
    static let secretHeaders: Set<String> = ["authorization", "cookie", "set-cookie", "x-client-secret", "proxy-authorization"]

    static func headers(_ headers: [(name: String, value: String)]) -> [HTTPExchange.Header] {
        headers.map { header in
            guard secretHeaders.contains(header.name.lowercased()) else { return HTTPExchange.Header(name: header.name, value: header.value) }
            let scheme = header.value.split(separator: " ", maxSplits: 1).first.map { $0 + " " } ?? ""
            return HTTPExchange.Header(
                name: header.name, value: "\(header.value.contains(" ") ? scheme : "")<redacted, \(header.value.count) characters>")
        }
    }

    /// A body as evidence: personal data masked, cut to `HTTPExchange.maximumBodyCharacters`,
    /// and bytes that are not UTF-8 described rather than shown.
    static func body(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return "<\(bytes.count) bytes, not UTF-8>"
        }
        let limit = HTTPExchange.maximumBodyCharacters
        let shown = text.count > limit ? String(text.prefix(limit)) : text
        let redacted = PersonalDataRedactor.redactJSON(shown)
        return text.count > limit ? redacted + "… <cut: \(text.utf8.count) bytes in all>" : redacted
    }
}
