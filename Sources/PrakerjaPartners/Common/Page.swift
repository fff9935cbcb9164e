/// One page of a cursor-paginated list: the items, and the cursor for the next page (nil on the last).
///
/// Cursors are opaque to the caller. A partner must make them stable: walking every page from the
/// first returns each item exactly once, even while items are added.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey { case items, nextCursor }

    /// Writes `nextCursor` as null on the last page: the field is always there.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        if let nextCursor { try c.encode(nextCursor, forKey: .nextCursor) } else { try c.encodeNil(forKey: .nextCursor) }
    }
}

extension Page: Equatable where Item: Equatable {}

/// Which page to read: after `cursor` (from the start when nil), at most `limit` items.
public struct PageRequest: Sendable, Hashable {
    public let cursor: String?
    public let limit: Int

    /// The limits every role API accepts.
    public static let limits = 1...100
    public static let defaultLimit = 20

    public init(cursor: String? = nil, limit: Int = PageRequest.defaultLimit) {
        self.cursor = cursor
        self.limit = min(max(limit, Self.limits.lowerBound), Self.limits.upperBound)
    }
}

extension PageRequest {
    /// The request's query parameters, as every role API names them.
    public var query: [(String, String?)] { [("cursor", cursor), ("limit", String(limit))] }
}
