import PrakerjaPartners

/// Cursor paging over items kept in a stable order, the way the role contracts want it: the
/// cursor is the key of the last item sent, so walking every page returns each item once, even
/// while items are added.
enum KeyedPages {
    static func page<Item: Codable & Sendable>(_ items: [Item], key: (Item) -> String, after request: PageRequest) throws -> Page<Item> {
        let sorted = items.sorted { key($0) < key($1) }
        let rest = request.cursor.map { cursor in sorted.drop { key($0) <= cursor } } ?? sorted[...]
        guard request.cursor == nil || sorted.contains(where: { key($0) == request.cursor }) else {
            throw RoleServiceError.invalidParameter("cursor", reason: "not a cursor this partner gave")
        }
        let items = Array(rest.prefix(request.limit))
        return Page(items: items, nextCursor: rest.count > items.count ? items.last.map(key) : nil)
    }
}
