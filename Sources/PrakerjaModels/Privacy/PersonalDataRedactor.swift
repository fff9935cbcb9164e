import Foundation

/// Removes personal data from free text (log lines, HTTP bodies kept as evidence).
///
/// It finds what can be recognised without knowing the document's structure: runs of 10 or more
/// digits (NIKs, card numbers, phone numbers, account numbers) keep their last 4 digits, and
/// e-mail addresses keep their first letter and domain. Amounts (`600000.00`) are kept. A run of
/// exactly 10 digits that reads as a Unix time in seconds (1000000000 to 2147483647) is kept,
/// because request timestamps look like that; a 10-digit account number in that range is not
/// caught here. Names cannot be found in free text at all: redaction by field name handles
/// those and is the primary defence; this is the safety net for everything else.
public enum PersonalDataRedactor {
    /// Redacts a JSON document (or anything else) for a log line or evidence.
    ///
    /// String values under personal fields (`PersonalDataFields`) are masked by kind; a number
    /// under an identifier field becomes a masked string; a transaction reference
    /// (`PersonalDataFields.isReference`) is kept; every other string goes through `redact(_:)`.
    /// The document keeps its layout otherwise, so evidence shows what was sent.
    /// Text that is not JSON is redacted as free text.
    public static func redactJSON(_ text: String) -> String {
        // Read as UTF-8: JSON's quotes, colons, commas and brackets are ASCII bytes that never
        // occur inside another character's encoding.
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var pendingField: String?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let end = closingQuote(in: bytes, after: index) else {
                    return redact(text)  // unterminated string: not JSON
                }
                let raw = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                var next = end + 1
                while next < bytes.count, isJSONWhitespace(bytes[next]) { next += 1 }
                if next < bytes.count, bytes[next] == UInt8(ascii: ":") {
                    pendingField = raw
                    output.append(contentsOf: bytes[index...end])
                } else {
                    let kind = pendingField.flatMap(PersonalDataFields.kind(of:))
                    let kept = pendingField.map(PersonalDataFields.isReference) ?? false
                    let value = kind.map { escapeForJSON(PersonalDataFields.mask(unescapeJSON(raw), as: $0)) } ?? (kept ? raw : redact(raw))
                    output.append(UInt8(ascii: "\""))
                    output.append(contentsOf: value.utf8)
                    output.append(UInt8(ascii: "\""))
                    pendingField = nil
                }
                index = end + 1
                continue
            }
            if isASCIIDigit(byte) || byte == UInt8(ascii: "-"), let field = pendingField, let kind = PersonalDataFields.kind(of: field) {
                var end = index
                while end < bytes.count, isASCIIDigit(bytes[end]) || "-+.eE".utf8.contains(bytes[end]) { end += 1 }
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: PersonalDataFields.mask(String(decoding: bytes[index..<end], as: UTF8.self), as: kind).utf8)
                output.append(UInt8(ascii: "\""))
                pendingField = nil
                index = end
                continue
            }
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { pendingField = nil }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func closingQuote(in bytes: [UInt8], after start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") { return index }
            index += 1
        }
        return nil
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    private static func isASCIIDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func unescapeJSON(_ raw: String) -> String {
        guard raw.contains("\\"), let data = "\"\(raw)\"".data(using: .utf8),
            let value = try? JSONDecoder().decode(String.self, from: data)
        else { return raw }
        return value
    }

    private static func escapeForJSON(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Redacts free text (see the type's documentation).
    public static func redact(_ text: String) -> String {
        guard mayHoldPersonalData(text) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar), index == 0 || !isDigit(scalars[index - 1]) {
                var end = index
                while end < scalars.count, isDigit(scalars[end]) { end += 1 }
                let run = scalars[index..<end]
                let length = run.count
                let looksPersonal = length > 10 || (length == 10 && !isUnixTime(run))
                if looksPersonal {
                    output.append(contentsOf: String(repeating: Masking.mark, count: length - 4).unicodeScalars)
                    output.append(contentsOf: run.suffix(4))
                } else {
                    output.append(contentsOf: run)
                }
                index = end
                continue
            }
            if scalar == "@", let (start, end) = emailBounds(around: index, in: scalars) {
                // Rewrite the local part already copied to the output.
                let localLength = index - start
                output.removeLast(localLength)
                output.append(scalars[start])
                output.append(contentsOf: String(repeating: Masking.mark, count: localLength - 1).unicodeScalars)
                output.append(contentsOf: scalars[index..<end])
                index = end
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    /// Whether `text` has what `redact` rewrites: an `@`, or a run of 10 or more digits. Most
    /// strings of a partner's answer (codes, titles, dates, amounts) have neither and are kept
    /// as they are without being taken apart.
    private static func mayHoldPersonalData(_ text: String) -> Bool {
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "@") { return true }
            digits = isASCIIDigit(byte) ? digits + 1 : 0
            if digits >= 10 { return true }
        }
        return false
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Ten digits between 1000000000 and 2147483647: a Unix time in seconds (2001 to 2038).
    private static func isUnixTime(_ digits: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let value = Int(String(String.UnicodeScalarView(digits))) else { return false }
        return (1_000_000_000...2_147_483_647).contains(value)
    }

    private static func isLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic && scalar.isASCII || isDigit(scalar) || "._%+-".unicodeScalars.contains(scalar)
    }

    private static func isDomainPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "." || scalar == "-")
    }

    /// The local part's start and the domain's end of an address whose `@` is at `at`.
    private static func emailBounds(around at: Int, in scalars: [Unicode.Scalar]) -> (Int, Int)? {
        var start = at
        while start > 0, isLocalPart(scalars[start - 1]) { start -= 1 }
        var end = at + 1
        while end < scalars.count, isDomainPart(scalars[end]) { end += 1 }
        while end > at + 1, scalars[end - 1] == "." { end -= 1 }  // a full stop ending the sentence
        let domain = scalars[(at + 1)..<end]
        guard start < at, domain.contains("."), domain.first != "." else { return nil }
        return (start, end)
    }
}
