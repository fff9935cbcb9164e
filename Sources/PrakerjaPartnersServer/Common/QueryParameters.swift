import Foundation
import PrakerjaModels
import PrakerjaPartners

/// A request's query parameters, read strictly: a parameter the operation does not declare, or
/// one given twice, is refused; every typed read names the parameter when its value is wrong.
package struct QueryParameters: Sendable {
    private let values: [String: String]

    /// Parses `query` (the part after `?`, percent-encoded) against the names the operation accepts.
    init(_ query: String?, accepting names: Set<String>) throws(RoleError) {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].removingPercentEncoding,
                let value = (parts.count > 1 ? String(parts[1]) : "")
                    .replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            else { throw RoleError(.invalidParameter, "\(pair.prefix(40)): not valid percent-encoding") }
            guard names.contains(name) else {
                throw RoleError(
                    .invalidParameter, "\(name.prefix(40)): unknown parameter; this operation takes \(names.sorted().joined(separator: ", "))",
                    field: String(name.prefix(40)))
            }
            guard values[name] == nil else { throw RoleError(.invalidParameter, "\(name): given more than once", field: name) }
            values[name] = value
        }
        self.values = values
    }

    /// The raw value, or nil when absent or empty.
    package func string(_ name: String, maximumLength: Int = 200) throws(RoleError) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        guard value.count <= maximumLength else { throw RoleError(.invalidParameter, "\(name): at most \(maximumLength) characters", field: name) }
        return value
    }

    /// A whole number inside `range`, or nil when absent.
    package func integer(_ name: String, in range: ClosedRange<Int64>) throws(RoleError) -> Int64? {
        guard let text = try string(name, maximumLength: 20) else { return nil }
        guard let value = Int64(text), range.contains(value) else {
            throw RoleError(
                .invalidParameter, "\(name): must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"", field: name)
        }
        return value
    }

    /// A `Timestamp` (RFC 3339 with an offset), or nil when absent.
    package func timestamp(_ name: String) throws(RoleError) -> Date? {
        guard let text = try string(name, maximumLength: 40) else { return nil }
        do { return try Timestamp(text).date } catch { throw RoleError(.invalidParameter, "\(name): \(error.reason)", field: name) }
    }

    /// A comma-separated list, each item parsed by `parse`; empty when absent.
    package func list<Item>(_ name: String, maximumCount: Int = 50, _ parse: (String) throws(FieldError) -> Item) throws(RoleError) -> [Item] {
        guard let text = try string(name, maximumLength: 2_000) else { return [] }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count <= maximumCount else { throw RoleError(.invalidParameter, "\(name): at most \(maximumCount) values", field: name) }
        var items: [Item] = []
        for part in parts {
            do { items.append(try parse(part)) } catch {
                let value = "\"\(part.prefix(40))\""
                let reason = error.reason.contains(value) ? error.reason : "\(value) \(error.reason)"
                throw RoleError(.invalidParameter, "\(name): \(reason)", field: name)
            }
        }
        return items
    }

    /// The `cursor` and `limit` parameters as a `PageRequest` (limit 1 to 100, 20 by default).
    package func page() throws(RoleError) -> PageRequest {
        let limit = try integer("limit", in: Int64(PageRequest.limits.lowerBound)...Int64(PageRequest.limits.upperBound))
        return PageRequest(cursor: try string("cursor", maximumLength: 500), limit: limit.map(Int.init) ?? PageRequest.defaultLimit)
    }

    /// The names of the paging parameters, to add to an operation's accepted names.
    package static let paging: Set<String> = ["cursor", "limit"]
}
