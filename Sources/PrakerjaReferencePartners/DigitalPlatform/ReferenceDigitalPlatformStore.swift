import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The reference platform's `DigitalPlatformService`: it sells every course of the reference
/// training provider, so its listings, reviews, invoices and completions mirror that provider's
/// data (what the program's monitoring compares).
public final class ReferenceDigitalPlatformStore: DigitalPlatformService {
    public static let platformCode = "REFDP01"
    /// A course the platform sold until the program suspended it (the reference platform's
    /// config names it in `fixtures.suspendedCourses`): taken off sale, unless `sells-suspended`.
    public static let suspendedCourseCode = "REFLP01-00S0"

    public let defects: Set<DigitalPlatformDefect>
    public let listings: [ListingDetail]
    public let invoices: [String: Invoice]
    /// Every completion, in the order they happened.
    public let completions: [Completion]
    private let byCode: [String: ListingDetail]

    public init(catalogue: ReferenceCatalogue, defects: Set<DigitalPlatformDefect> = [], seed: UInt64 = 2021) {
        var random = SeededRandom(seed: seed)
        self.defects = defects
        let participants = Dictionary(grouping: catalogue.participants) { $0.progress.courseCode }
        var invoices: [String: Invoice] = [:]
        var listings: [ListingDetail] = []
        for (index, detail) in catalogue.courses.enumerated() {
            let course = detail.course
            var reviews: [Review] = []
            for participant in participants[course.code] ?? [] {
                // Bought three days before the schedule starts (self-paced: five days before completing, or now).
                let starts = catalogue.schedules[course.code]?.first { $0.code == participant.progress.scheduleCode }?.startsAt
                let bought = (starts ?? participant.progress.completedAt?.date.addingTimeInterval(-2 * 86_400) ?? Date()).addingTimeInterval(
                    -3 * 86_400)
                let invoice = try! Invoice(
                    code: String(format: "INV-%@-%05d", Self.platformCode, invoices.count + 1),
                    transactionCode: String(format: "TRX%09d", invoices.count + 1), courseCode: course.code,
                    scheduleCode: participant.progress.scheduleCode, amount: course.price, status: .success,
                    createdAt: Date(timeIntervalSince1970: bought.timeIntervalSince1970.rounded(.down)))
                invoices[invoice.code] = invoice
                if let completed = participant.progress.completedAt?.date {
                    reviews.append(
                        try! Review(
                            courseCode: course.code, rating: try! Rating(Int.random(in: 4...5, using: &random)),
                            text: random.pick([
                                "Materinya jelas dan praktis.", "Pelatihnya sabar dan menguasai materi.",
                                "Sangat bermanfaat untuk usaha saya.", "Tugas praktiknya menantang.",
                            ]),
                            reviewerName: participant.name, createdAt: completed.addingTimeInterval(3_600)))
                }
            }
            // Most who rate write nothing: stars without a review, as many as a course sold for months gets.
            var starsOnly = SeededRandom(seed: UInt64(index) &+ 0x5EED)
            let stars = reviews.map(\.rating.stars) + (0..<Int.random(in: 60...200, using: &starsOnly)).map { _ in starsOnly.pick([4, 5, 5]) }
            var average = stars.isEmpty ? 0 : (Double(stars.reduce(0, +)) / Double(stars.count) * 10).rounded() / 10
            if defects.contains(.ratingOutOfRange) { average *= 2 }
            let price = defects.contains(.priceDiffers) && index % 3 == 0 ? try! course.price.adding(50_000) : course.price
            let title = defects.contains(.titleDiffers) ? "\(course.title) - Bersertifikat Resmi" : course.title
            let schedules = catalogue.schedules[course.code] ?? []
            let listing = Listing(
                courseCode: course.code, title: title, providerCode: course.providerCode, providerName: ReferenceCatalogue.providerName,
                price: price, method: course.method, schedules: schedules, quota: schedules.reduce(0) { $0 + $1.quota },
                rating: RatingSummary(average: average, count: stars.count))
            listings.append(
                ListingDetail(
                    listing: listing, description: course.description,
                    url: "https://refdp01.example.id/kelas/\(course.code)", reviews: reviews.sorted { $0.createdAt > $1.createdAt }))
        }
        if defects.contains(.sellsSuspended), let first = listings.first {
            let listing = first.listing
            listings.append(
                ListingDetail(
                    listing: Listing(
                        courseCode: Self.suspendedCourseCode, title: listing.title, providerCode: listing.providerCode,
                        providerName: listing.providerName, price: listing.price, method: listing.method, schedules: [], quota: 0,
                        rating: listing.rating),
                    description: first.description, url: "https://refdp01.example.id/kelas/\(Self.suspendedCourseCode)", reviews: first.reviews))
        }
        self.listings = listings.sorted { $0.listing.courseCode < $1.listing.courseCode }
        var byCode = Dictionary(uniqueKeysWithValues: listings.map { ($0.listing.courseCode, $0) })
        // The most expensive course's detail at a tenth off; its listing in the pages unchanged.
        if defects.contains(.promotesOnDetail), let top = listings.max(by: { $0.listing.price < $1.listing.price }) {
            let listing = top.listing
            byCode[listing.courseCode] = ListingDetail(
                listing: Listing(
                    courseCode: listing.courseCode, title: listing.title, providerCode: listing.providerCode,
                    providerName: listing.providerName, price: try! Rupiah(listing.price.amount / 10 * 9), method: listing.method,
                    schedules: listing.schedules, quota: listing.quota, rating: listing.rating),
                description: top.description, url: top.url, reviews: top.reviews)
        }
        self.byCode = byCode
        self.invoices = invoices
        self.completions = catalogue.participants.compactMap { participant -> Completion? in
            let progress = participant.progress
            guard progress.completed, let at = progress.completedAt, let number = progress.certificateNumber, let score = progress.postTestScore
            else { return nil }
            return Completion(
                courseCode: progress.courseCode, participant: Masking.name(participant.name), completedAt: at,
                certificateNumber: number, postTestScore: score)
        }.sorted { ($0.completedAt, $0.certificateNumber) < ($1.completedAt, $1.certificateNumber) }
    }

    public func listings(page: PageRequest) async throws -> Page<Listing> {
        let start = try Self.offset(page.cursor, prefix: "l")
        let items = listings.dropFirst(start).prefix(page.limit).map(\.listing)
        return Page(items: items, nextCursor: start + items.count < listings.count ? "l:\(start + items.count)" : nil)
    }

    public func listing(courseCode: String) async throws -> ListingDetail? { byCode[courseCode] }

    public func invoice(code: String) async throws -> Invoice? { invoices[code] }

    /// The feed's cursor is the position after the last completion shown, so polling with it later
    /// returns only what was recorded since.
    public func completions(page: PageRequest) async throws -> Page<Completion> {
        let feed = defects.contains(.completionFeedUnordered) ? completions.sorted { $0.certificateNumber > $1.certificateNumber } : completions
        let start = try Self.offset(page.cursor, prefix: "f")
        let items = Array(feed.dropFirst(start).prefix(page.limit))
        return Page(items: items, nextCursor: start + items.count < feed.count ? "f:\(start + items.count)" : nil)
    }

    private static func offset(_ cursor: String?, prefix: String) throws(RoleServiceError) -> Int {
        guard let cursor else { return 0 }
        guard cursor.hasPrefix(prefix + ":"), let offset = Int(cursor.dropFirst(2)), offset >= 0 else {
            throw .invalidParameter("cursor", reason: "not a cursor this platform issued")
        }
        return offset
    }
}
