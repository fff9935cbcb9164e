import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The least a digital platform writes to serve the digital-platform contract: its listings,
/// purchases and completions, here held in memory. Mount it with `DigitalPlatformAdapter`.
public final class MinimalDigitalPlatform: DigitalPlatformService {
    struct Data {
        var listings: [String: ListingDetail] = [:]
        var invoices: [String: Invoice] = [:]
        /// In the order they happened; a completion's cursor is its position.
        var completions: [Completion] = []
    }

    private let data = Mutex(Data())

    public init() {}

    public func list(_ listing: ListingDetail) { data.withLock { $0.listings[listing.listing.courseCode] = listing } }

    public func sell(_ invoice: Invoice) { data.withLock { $0.invoices[invoice.code] = invoice } }

    public func complete(_ completion: Completion) { data.withLock { $0.completions.append(completion) } }

    public func listings(page: PageRequest) async throws -> Page<Listing> {
        try KeyedPages.page(data.withLock { $0.listings.values.map(\.listing) }, key: \.courseCode, after: page)
    }

    public func listing(courseCode: String) async throws -> ListingDetail? { data.withLock { $0.listings[courseCode] } }

    public func invoice(code: String) async throws -> Invoice? { data.withLock { $0.invoices[code] } }

    /// Completions in the order they happened: the key is the position, zero-padded so it sorts.
    public func completions(page: PageRequest) async throws -> Page<Completion> {
        let numbered = data.withLock { $0.completions }.enumerated().map { NumberedCompletion(position: $0.offset, completion: $0.element) }
        let result = try KeyedPages.page(numbered, key: \.key, after: page)
        return Page(items: result.items.map(\.completion), nextCursor: result.nextCursor)
    }

    struct NumberedCompletion: Codable, Sendable {
        let position: Int
        let completion: Completion
        var key: String { String(format: "%012d", position) }
    }
}
