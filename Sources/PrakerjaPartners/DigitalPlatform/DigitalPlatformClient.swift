import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's client for a digital platform's API (`Specs/digital-platform.openapi.yaml`).
public struct DigitalPlatformClient: ProgramSignedRoleClient {
    public let http: ProgramSignedClient

    public init(http: ProgramSignedClient) { self.http = http }

    public func listings(page: PageRequest = PageRequest()) async throws(PrakerjaAPIError) -> Page<Listing> {
        try await http.get(DigitalPlatformPaths.listings, query: page.query)
    }

    /// Every page of the listings, in order.
    public func listingPages(limit: Int = PageRequest.limits.upperBound) -> PageSequence<Listing> {
        PageSequence(limit: limit) { [self] (page) async throws(PrakerjaAPIError) in try await listings(page: page) }
    }

    /// Every listing, every page in order.
    public func allListings() async throws(PrakerjaAPIError) -> [Listing] { try await listingPages().items() }

    public func listing(courseCode: String) async throws(PrakerjaAPIError) -> ListingDetail {
        try await http.get(DigitalPlatformPaths.listing(courseCode))
    }

    public func transaction(invoiceCode: String) async throws(PrakerjaAPIError) -> Invoice {
        try await http.get(DigitalPlatformPaths.transaction(invoiceCode))
    }

    public func completions(page: PageRequest = PageRequest()) async throws(PrakerjaAPIError) -> Page<Completion> {
        try await http.get(DigitalPlatformPaths.completions, query: page.query)
    }

    /// Every page of the completion feed, in order.
    public func completionPages(limit: Int = PageRequest.limits.upperBound) -> PageSequence<Completion> {
        PageSequence(limit: limit) { [self] (page) async throws(PrakerjaAPIError) in try await completions(page: page) }
    }
}

/// The digital-platform contract's paths.
public enum DigitalPlatformPaths {
    public static let listings = "/v1/listings"
    public static let completions = "/v1/completions"
    public static func listing(_ courseCode: String) -> String { listings + "/" + ProgramSignedClient.percentEncoded(courseCode) }
    public static func transaction(_ invoiceCode: String) -> String { "/v1/transactions/" + ProgramSignedClient.percentEncoded(invoiceCode) }
}
