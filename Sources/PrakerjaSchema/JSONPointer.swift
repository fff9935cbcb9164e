import Foundation
import PrakerjaModels

/// A JSON Pointer (RFC 6901): where a value sits in a document, `/properties/price`.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible {
    public var tokens: [String]

    public init(tokens: [String] = []) { self.tokens = tokens }

    /// Parses `/a/b~1c` (and the empty pointer, the whole document).
    public init?(_ text: String) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else { return nil }
        self.tokens = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    /// A pointer from a URI fragment (`#/definitions/a%25b`): percent-decoded first.
    init?(fragment: String) {
        guard let decoded = fragment.removingPercentEncoding else { return nil }
        self.init(decoded)
    }

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens: tokens + [String(index)]) }

    /// The pointer as a URI fragment (`#` not included): percent-encoded where a fragment needs it.
    public var uriFragment: String {
        let text = description
        // Letters, digits and `/-._~` need no escape (the usual pointer): no Foundation call.
        let plain = text.utf8.allSatisfy { byte in
            (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10 || "/-._~".utf8.contains(byte)
        }
        return plain ? text : text.addingPercentEncoding(withAllowedCharacters: Self.fragmentCharacters) ?? text
    }

    private static let fragmentCharacters = CharacterSet.urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "%"))

    public var description: String {
        tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The value this pointer names in `document`, or nil.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), token == String(index), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
