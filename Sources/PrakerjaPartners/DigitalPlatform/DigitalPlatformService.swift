import Foundation
import PrakerjaModels

/// What a digital platform (DP) implements to serve the digital-platform contract
/// (`Specs/digital-platform.openapi.yaml`) through `DigitalPlatformAdapter`.
///
/// Throw `RoleServiceError` to refuse with the contract's 400/404; anything else is a 500.
public protocol DigitalPlatformService: Sendable {
    /// The listings on sale, one page at a time; walking every page returns each exactly once.
    func listings(page: PageRequest) async throws -> Page<Listing>

    /// One listing with its description and reviews, or nil.
    func listing(courseCode: String) async throws -> ListingDetail?

    /// A purchase by invoice code, or nil.
    func invoice(code: String) async throws -> Invoice?

    /// Completions in the order they happened (`completedAt` ascending), after `page.cursor`.
    /// Polling with the last page's cursor returns only completions recorded since.
    func completions(page: PageRequest) async throws -> Page<Completion>
}
