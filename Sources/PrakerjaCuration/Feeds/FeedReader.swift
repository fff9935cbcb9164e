import Foundation

/// A feed file read a row at a time, whatever its size: CSV with a header row (RFC 4180 quoting
/// within a line) or JSON Lines of flat objects, by the file's extension (`.csv`, `.jsonl` or
/// `.ndjson`). The file is read in blocks; a row's fields are found by the columns the reader
/// was asked for and handed over as bytes, never as a dictionary of strings.
///
/// A row that cannot be read (a line that is no flat JSON object, an unterminated quote, fewer
/// fields than the header, a required field missing) is given to the caller as a `FeedProblem`
/// with its file and line, and reading goes on.
struct FeedReader {
    /// How a feed is written.
    enum Format: Sendable { case csv, jsonLines }

    let path: String
    /// What problems and errors call the file (its path, or where it was fetched from).
    let name: String
    let format: Format
    /// The fields every row must have, in the order rows hand them over.
    let columns: [String]
    /// Which of them the contract types as strings only: JSON Lines gives them quoted (a number
    /// or a boolean there is malformed).
    let texts: [Bool]

    /// A reader of `path` for `columns` (`textColumns` of them strings only), reporting under
    /// `name` (the path when not given); refused when the
    /// extension names neither CSV nor JSON Lines.
    init(path: String, name: String? = nil, columns: [String], textColumns: Set<String> = []) throws(FeedError) {
        let name = name ?? path
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") {
            format = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            format = .jsonLines
        } else {
            throw FeedError(file: name, reason: "is neither .csv nor .jsonl (.ndjson): the extension says how it is written")
        }
        self.path = path
        self.name = name
        self.columns = columns
        texts = columns.map(textColumns.contains)
    }

    /// Calls `row` with each row's fields (in `columns` order, as byte slices of the line) and
    /// its line number, and `problem` with each row that cannot be read, or whose values `row`
    /// refuses (`FeedValues.Invalid`: the row is malformed). Throws only when the file cannot be
    /// opened or read, or a CSV file's header lacks a column.
    func forEachRow(
        _ row: (_ fields: [ArraySlice<UInt8>], _ line: Int) throws(FeedValues.Invalid) -> Void, problem: (FeedProblem) -> Void
    ) throws(FeedError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FeedError(file: name, reason: "cannot be opened") }
        defer { try? handle.close() }
        var positions: [Int]?
        var lineNumber = 0
        var carry: [UInt8] = []
        var fields = [ArraySlice<UInt8>](repeating: [], count: columns.count)
        var all: [ArraySlice<UInt8>] = [], commas: [Int] = []
        let names = columns.map { Array($0.utf8) }
        func handleLine(_ line: ArraySlice<UInt8>) throws(FeedError) {
            lineNumber += 1
            var text = line
            if text.last == 13 { text = text.dropLast() }
            if text.allSatisfy({ $0 == 32 || $0 == 9 }) { return }
            switch format {
            case .csv:
                guard let positions else {
                    positions = try header(text)
                    return
                }
                if let reason = Self.csvFields(text, at: positions, into: &fields, scratch: &all, commas: &commas) {
                    problem(FeedProblem(file: name, line: lineNumber, kind: .malformed, reason: reason))
                    return
                }
            case .jsonLines:
                if let reason = JSONLineFields.read(text, names: names, texts: texts, into: &fields) {
                    problem(FeedProblem(file: name, line: lineNumber, kind: .malformed, reason: reason))
                    return
                }
            }
            do { try row(fields, lineNumber) } catch { problem(FeedProblem(file: name, line: lineNumber, kind: .malformed, reason: error.reason)) }
        }
        while true {
            let block: Data?
            do { block = try handle.read(upToCount: Self.blockSize) } catch { throw FeedError(file: name, reason: "cannot be read: \(error)") }
            guard let block, !block.isEmpty else { break }
            var bytes = carry
            bytes.append(contentsOf: block)
            var start = bytes.startIndex, index = start
            while index < bytes.endIndex {
                if bytes[index] == 10 {
                    try handleLine(bytes[start..<index])
                    start = index + 1
                }
                index += 1
            }
            carry = Array(bytes[start...])
            if carry.count > Self.longestLine {
                throw FeedError(file: name, reason: "line \(lineNumber + 1) is longer than \(Self.longestLine) bytes: not a feed of rows")
            }
        }
        if !carry.isEmpty { try handleLine(carry[...]) }
        if format == .csv, positions == nil { throw FeedError(file: name, reason: "is empty: a CSV feed starts with its header row") }
    }

    /// How much is read at a time.
    static let blockSize = 1 << 20
    /// The longest row read: longer, the file is refused (a feed's row is a few hundred bytes).
    static let longestLine = 1 << 20

    /// Where each wanted column is in the header row.
    private func header(_ line: ArraySlice<UInt8>) throws(FeedError) -> [Int] {
        var names: [ArraySlice<UInt8>] = []
        if let reason = Self.csvSplit(line, into: &names) { throw FeedError(file: name, reason: "line 1 (the header): \(reason)") }
        let header = names.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw FeedError(file: name, reason: "the header lacks \(missing.joined(separator: ", ")) (it has \(header.joined(separator: ", ")))")
        }
        return columns.map { column in header.firstIndex(of: column)! }
    }

    /// The fields at `positions` of a CSV line into `fields`; the reason when it cannot be read.
    /// A line with no quote (nearly every one) is split by index, only its wanted fields made
    /// slices; one with quotes is read field by field (`csvSplit`).
    static func csvFields(
        _ line: ArraySlice<UInt8>, at positions: [Int], into fields: inout [ArraySlice<UInt8>], scratch all: inout [ArraySlice<UInt8>],
        commas: inout [Int]
    ) -> String? {
        let needed = positions.count == 0 ? 0 : (positions.max() ?? -1) + 1
        commas.removeAll(keepingCapacity: true)
        var index = line.startIndex, quoted = false
        while index < line.endIndex {
            let byte = line[index]
            if byte == 44 {
                commas.append(index)
            } else if byte == 34 {
                quoted = true
                break
            }
            index += 1
        }
        if !quoted {
            guard commas.count + 1 >= needed else { return "has \(commas.count + 1) fields; the header names \(needed) or more" }
            for (slot, position) in positions.enumerated() {
                let start = position == 0 ? line.startIndex : commas[position - 1] + 1
                fields[slot] = line[start..<(position < commas.count ? commas[position] : line.endIndex)]
            }
            return nil
        }
        if let reason = csvSplit(line, into: &all) { return reason }
        guard all.count >= needed else { return "has \(all.count) fields; the header names \(needed) or more" }
        for (slot, position) in positions.enumerated() { fields[slot] = all[position] }
        return nil
    }

    /// Every field of a CSV line (RFC 4180 within one line: a quoted field may hold commas, and
    /// `""` stands for a quote); the reason when a quote is left open or followed by text.
    static func csvSplit(_ line: ArraySlice<UInt8>, into fields: inout [ArraySlice<UInt8>]) -> String? {
        fields.removeAll(keepingCapacity: true)
        var index = line.startIndex
        while true {
            if index < line.endIndex, line[index] == 34 {
                var text: [UInt8] = []
                var cursor = index + 1, closed = false
                while cursor < line.endIndex {
                    if line[cursor] == 34 {
                        if cursor + 1 < line.endIndex, line[cursor + 1] == 34 {
                            text.append(34)
                            cursor += 2
                            continue
                        }
                        closed = true
                        cursor += 1
                        break
                    }
                    text.append(line[cursor])
                    cursor += 1
                }
                guard closed else { return "field \(fields.count + 1) opens a quote it never closes" }
                guard cursor == line.endIndex || line[cursor] == 44 else { return "field \(fields.count + 1) has text after its closing quote" }
                fields.append(text[...])
                index = cursor
            } else {
                let end = line[index...].firstIndex(of: 44) ?? line.endIndex
                fields.append(line[index..<end])
                index = end
            }
            if index == line.endIndex { return nil }
            index += 1
        }
    }
}

/// A feed that cannot be read at all: the file, and why.
public struct FeedError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// A row of a feed the kit did not use, and why: reported with its file and line and counted,
/// never dropped silently.
public struct FeedProblem: Sendable, Codable, Equatable, CustomStringConvertible {
    /// Why a row was set aside.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Not readable: not a flat JSON object, a broken quote, a field missing or of the wrong form.
        case malformed
        /// For a partner, course or reference the program does not know.
        case unknown
        /// The same row, or the same key, again.
        case duplicate
    }

    public let file: String
    public let line: Int
    public let kind: Kind
    public let reason: String

    public init(file: String, line: Int, kind: Kind, reason: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(file):\(line): \(kind.rawValue): \(reason)" }
}
