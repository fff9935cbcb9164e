import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaSigning

/// The program's client for a digital platform's API (`Specs/digital-platform.openapi.yaml`).
public struct DigitalPlatformClient: Sendable {
    public let http: ProgramSignedClient

    public init(baseURL: String, credentials: ProgramClientCredentials, transport: any PrakerjaTransport = AsyncHTTPClientTransport.shared,
                clock: SigningClock = .system, timeout: Duration = .seconds(15)) {
        self.http = ProgramSignedClient(baseURL: baseURL, credentials: credentials, transport: transport, clock: clock, timeout: timeout)
    }

    /// A client over an existing HTTP layer (its signer and transport).
    public init(http: ProgramSignedClient) { self.http = http }

    public func listings(page: PageRequest = PageRequest()) async throws(RoleAPIError) -> Page<Listing> {
        try await http.get(DigitalPlatformPaths.listings, query: [("cursor", page.cursor), ("limit", String(page.limit))])
    }

    /// Every listing, every page in order.
    public func allListings() async throws(RoleAPIError) -> [Listing] {
        var all: [Listing] = []
        var cursor: String?
        for _ in 0..<1_000 {
            let page = try await listings(page: PageRequest(cursor: cursor, limit: 100))
            all += page.items
            guard let next = page.nextCursor else { return all }
            cursor = next
        }
        throw RoleAPIError(kind: .invalidResponse, message: "the listings did not end within 1000 pages")
    }

    public func listing(courseCode: String) async throws(RoleAPIError) -> ListingDetail {
        try await http.get(DigitalPlatformPaths.listing(courseCode))
    }

    public func transaction(invoiceCode: String) async throws(RoleAPIError) -> Invoice {
        try await http.get(DigitalPlatformPaths.transaction(invoiceCode))
    }

    public func completions(page: PageRequest = PageRequest()) async throws(RoleAPIError) -> Page<Completion> {
        try await http.get(DigitalPlatformPaths.completions, query: [("cursor", page.cursor), ("limit", String(page.limit))])
    }
}

/// The digital-platform contract's paths.
public enum DigitalPlatformPaths {
    public static let listings = "/v1/listings"
    public static let completions = "/v1/completions"
    public static func listing(_ courseCode: String) -> String { listings + "/" + ProgramSignedClient.percentEncoded(courseCode) }
    public static func transaction(_ invoiceCode: String) -> String { "/v1/transactions/" + ProgramSignedClient.percentEncoded(invoiceCode) }
}
