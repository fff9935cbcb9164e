/// Comma-separated values as RFC 4180 has them: a field with a comma, a quote or a line break is
/// quoted, a quote inside doubled. What spreadsheets read and write.
public enum CSV {
    /// The rows as CSV text, lines ending CRLF. A field a spreadsheet would take for a formula
    /// (`=`, `+`, `-`, `@`, a tab or a carriage return first) is written with a `'` before it:
    /// what partners wrote (a message, a finding) is read as text in the reviewer's spreadsheet,
    /// never run.
    public static func write(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                let field = field.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + field : field
                return field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// Why text is not CSV: the line where a quoted field goes wrong.
    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// The rows of CSV text (quoted fields may hold commas, quotes and line breaks).
    public static func read(_ text: String) throws(ParseError) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, afterQuote = false, line = 1, fieldStarted = false
        var characters = Substring(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case ",":
                row.append(field)
                field = ""
                afterQuote = false
                fieldStarted = false
            case "\n", "\r\n", "\r":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                afterQuote = false
                fieldStarted = false
                line += 1
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            default:
                guard !afterQuote else {
                    throw ParseError(line: line, reason: "text after a closing quote (a quote inside a quoted field is written twice)")
                }
                if character == "\"" { throw ParseError(line: line, reason: "a quote inside an unquoted field") }
                field.append(character)
                fieldStarted = true
            }
        }
        if quoted { throw ParseError(line: line, reason: "a quoted field is not closed") }
        if fieldStarted || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
