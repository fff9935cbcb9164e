import PrakerjaClient

/// Every page of a cursor-paged list, one after another (Soto's paginator pattern): the first page,
/// then the page after each `nextCursor`, until a page has none.
///
/// A partner whose cursor comes back a second time would be walked for ever, so a repeated cursor
/// ends the walk with an error, and so does a walk past `maximumPages`.
public struct PageSequence<Item: Codable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Page<Item>
    public typealias Failure = PrakerjaAPIError

    /// Reads one page.
    public typealias Fetch = @Sendable (PageRequest) async throws(PrakerjaAPIError) -> Page<Item>

    let limit: Int
    let maximumPages: Int
    let fetch: Fetch

    /// - Parameters:
    ///   - limit: the items per page asked for.
    ///   - maximumPages: where a walk stops with an error rather than go on.
    public init(limit: Int = PageRequest.limits.upperBound, maximumPages: Int = 10_000, fetch: @escaping Fetch) {
        self.limit = limit
        self.maximumPages = maximumPages
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }

    /// Every item of every page, in order.
    public func items() async throws(PrakerjaAPIError) -> [Item] {
        var all: [Item] = []
        var pages = makeAsyncIterator()
        while let page = try await pages.next() { all += page.items }
        return all
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PageSequence
        var cursor: String?
        var finished = false
        var seen: Set<String> = []

        public mutating func next() async throws(PrakerjaAPIError) -> Page<Item>? {
            guard !finished else { return nil }
            guard seen.count < sequence.maximumPages else {
                finished = true
                throw PrakerjaAPIError(kind: .undecodable, message: "the list did not end within \(sequence.maximumPages) pages")
            }
            let page: Page<Item>
            do {
                page = try await sequence.fetch(PageRequest(cursor: cursor, limit: sequence.limit))
            } catch {
                finished = true
                throw error
            }
            guard let next = page.nextCursor else {
                finished = true
                return page
            }
            guard seen.insert(next).inserted else {
                finished = true
                throw PrakerjaAPIError(
                    kind: .undecodable, message: "nextCursor \"\(next.prefix(64))\" came back a second time: the walk would never end")
            }
            cursor = next
            return page
        }
    }
}
