import Foundation
import PrakerjaConformance
import Yams

/// One node of a reference file (`Conformance/reference/*.yaml`) with the line it starts on, so a
/// malformed file is refused with its file, line and reason.
struct ReferenceNode {
    let node: Node
    let file: String

    /// Reads and parses `path`; a file that cannot be read or is not YAML is refused where it breaks.
    static func load(_ path: String) throws(ReferenceData.LoadError) -> ReferenceNode {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ReferenceData.LoadError(file: path, line: 0, reason: "cannot be read: \(error.localizedDescription)")
        }
        do {
            guard let root = try Yams.compose(yaml: text) else { throw ReferenceData.LoadError(file: path, line: 1, reason: "the file is empty") }
            return ReferenceNode(node: root, file: path)
        } catch let error as ReferenceData.LoadError {
            throw error
        } catch let YamlError.scanner(_, problem, mark, _), let YamlError.parser(_, problem, mark, _), let YamlError.composer(_, problem, mark, _) {
            throw ReferenceData.LoadError(file: path, line: mark.line, reason: "not YAML: \(problem)")
        } catch {
            throw ReferenceData.LoadError(file: path, line: 0, reason: "not YAML: \(error)")
        }
    }

    var line: Int { node.mark?.line ?? 0 }

    func problem(_ reason: String) -> ReferenceData.LoadError { ReferenceData.LoadError(file: file, line: line, reason: reason) }

    /// The members of a mapping, in file order.
    func members() throws(ReferenceData.LoadError) -> [(key: String, value: ReferenceNode)] {
        guard let mapping = node.mapping else { throw problem("expected a mapping") }
        var members: [(key: String, value: ReferenceNode)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw ReferenceNode(node: key, file: file).problem("expected a name as the key") }
            members.append((name, ReferenceNode(node: value, file: file)))
        }
        return members
    }

    /// The member `key`, which must be there.
    func field(_ key: String) throws(ReferenceData.LoadError) -> ReferenceNode {
        guard let value = try optionalField(key) else { throw problem("\(key) is missing") }
        return value
    }

    func optionalField(_ key: String) throws(ReferenceData.LoadError) -> ReferenceNode? {
        guard let mapping = node.mapping else { throw problem("expected a mapping with \(key)") }
        return mapping[key].map { ReferenceNode(node: $0, file: file) }
    }

    /// A non-empty text.
    func string() throws(ReferenceData.LoadError) -> String {
        guard let text = node.scalar?.string else { throw problem("expected a text") }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw problem("an empty text") }
        return text
    }

    /// The items of a list.
    func items() throws(ReferenceData.LoadError) -> [ReferenceNode] {
        guard let sequence = node.sequence else { throw problem("expected a list") }
        return sequence.map { ReferenceNode(node: $0, file: file) }
    }

    /// A list of non-empty texts.
    /// The field `key`, a list of words and phrases, as a lexicon.
    func lexicon(_ key: String) throws(ReferenceData.LoadError) -> Lexicon { Lexicon(words: try field(key).strings()) }

    func strings() throws(ReferenceData.LoadError) -> [String] {
        var texts: [String] = []
        for item in try items() { texts.append(try item.string()) }
        return texts
    }

    func optionalStrings(_ key: String) throws(ReferenceData.LoadError) -> [String] {
        try optionalField(key)?.strings() ?? []
    }

    func int() throws(ReferenceData.LoadError) -> Int {
        guard let text = node.scalar?.string, let value = Int(text) else { throw problem("expected a whole number") }
        return value
    }

    func bool() throws(ReferenceData.LoadError) -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw problem("expected true or false")
        }
    }

    /// A text of exactly `digits` digits (a KBLI division, a KBJI group).
    func code(digits: Int) throws(ReferenceData.LoadError) -> String {
        let text = try string()
        guard text.count == digits, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else {
            throw problem("\(text) is not a code of \(digits) digits")
        }
        return text
    }
}
