/// A request target (a path and its query, as sent and signed) taken apart and put together
/// again: how the checks vary one query parameter of a call that was accepted.
enum RequestTarget {
    /// `target`'s path, and its query with the `?` (empty when there is none).
    static func split(_ target: String) -> (path: String, query: String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[mark...]))
    }

    /// `target` with `pair` (`name=value`, already percent-encoded) added to its query.
    static func appending(_ pair: String, to target: String) -> String {
        target + (target.contains("?") ? "&" : "?") + pair
    }

    /// `target` with the query parameter `name` set to `value` (already percent-encoded), in
    /// place of any value it had; the other parameters stay as they were.
    static func setting(_ name: String, to value: String, in target: String) -> String {
        let (path, query) = split(target)
        let others = query.dropFirst().split(separator: "&").filter { !$0.hasPrefix(name + "=") }.map(String.init)
        return path + "?" + (others + ["\(name)=\(value)"]).joined(separator: "&")
    }
}
