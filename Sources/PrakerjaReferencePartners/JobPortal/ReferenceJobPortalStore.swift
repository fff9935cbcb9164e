import Foundation
import PrakerjaModels
import PrakerjaPartners
import Synchronization

/// The reference job portal's vacancies and applications: a `JobPortalService` over generated
/// data, indexed by province so a filtered search reads only the candidates it can match.
public final class ReferenceJobPortalStore: JobPortalService {
    public let defects: Set<JobPortalDefect>
    private let catalogue: Mutex<Catalogue>
    private let applications = Mutex(Applications())

    public init(vacancies: [JobVacancy], defects: Set<JobPortalDefect> = []) {
        self.defects = defects
        self.catalogue = Mutex(Catalogue(vacancies))
    }

    /// Every vacancy, open or closed, in search order.
    public var vacancies: [JobVacancy] { catalogue.withLock { $0.vacancies } }

    /// Adds a vacancy, or replaces the one with its ID (a portal's own edits; tests use it for the feed).
    public func publish(_ vacancy: JobVacancy) {
        catalogue.withLock { catalogue in
            var all = catalogue.vacancies.filter { $0.id != vacancy.id }
            all.append(vacancy)
            catalogue = Catalogue(all)
        }
    }

    // MARK: JobPortalService

    public func search(_ filter: JobSearchFilter, page: PageRequest, now: Date) async throws -> Page<JobVacancy> {
        var filter = filter
        if defects.contains(.filterIgnoresSalary) { filter.salary = nil }
        if defects.contains(.filterIgnoresLocation) { filter.locations = [] }
        if defects.contains(.regencyMatchesProvince) { filter.locations = filter.locations.map { try! RegionCode(province: $0.province) } }
        if defects.contains(.filtersFirstPageOnly), page.cursor != nil { filter = JobSearchFilter(locations: filter.locations) }
        let inDescriptions = defects.contains(.keywordMatchesDescription)
        let after = try page.cursor.map { (cursor) throws(RoleServiceError) in try CursorKey(cursor: cursor, .search) }
        let includeClosed = defects.contains(.staleVacancies)
        let snapshot = catalogue.withLock { $0 }
        let keyword = filter.keyword.flatMap { $0.isEmpty ? nil : Catalogue.fold($0) }
        var matches: [JobVacancy] = []
        for index in snapshot.candidates(in: filter.locations, after: after) {
            let vacancy = snapshot.vacancies[index]
            guard includeClosed || vacancy.isOpen(at: now) else { continue }
            if let keyword, !snapshot.folded[index].contains(keyword), !(inDescriptions && Catalogue.fold(vacancy.description).contains(keyword)) {
                continue
            }
            var structured = filter
            structured.keyword = nil
            guard structured.matches(vacancy) else { continue }
            matches.append(vacancy)
            if matches.count > page.limit { break }
        }
        let found = paged(matches, limit: page.limit) { CursorKey.search($0).cursor(.search) }
        if defects.contains(.sortsTiesPerPage) {
            let sorted = found.items.sorted { ($1.postedAt, $0.title) < ($0.postedAt, $1.title) }
            return Page(items: sorted, nextCursor: found.nextCursor)
        }
        return defects.contains(.pagesOutOfOrder) ? Page(items: found.items.reversed(), nextCursor: found.nextCursor) : found
    }

    public func vacancy(id: String) async throws -> JobVacancy? {
        catalogue.withLock { catalogue in catalogue.position[id].map { catalogue.vacancies[$0] } }
    }

    public func updates(since: Date, page: PageRequest) async throws -> Page<JobVacancy> {
        let after = try page.cursor.map { (cursor) throws(RoleServiceError) in try CursorKey(cursor: cursor, .updates) }
        let snapshot = catalogue.withLock { $0 }
        let lowest =
            after.map { key in snapshot.updateOrder.partitionPoint { CursorKey.updateOrder(key, .updates(snapshot.vacancies[$0])) } }
            ?? snapshot.updateOrder.partitionPoint { snapshot.vacancies[$0].updatedAt >= since }
        let matches = snapshot.updateOrder[lowest...].prefix(page.limit + 1)
            .map { snapshot.vacancies[$0] }.filter { defects.contains(.sinceExclusive) ? $0.updatedAt > since : $0.updatedAt >= since }
        return paged(matches, limit: page.limit) { CursorKey.updates($0).cursor(.updates) }
    }

    public func recommendations(for request: RecommendationRequest, limit: Int, now: Date) async throws -> [Recommendation] {
        let asWritten = defects.contains(.matchesSkillsAsWritten)
        func read(_ skill: String) -> String { asWritten ? skill : Catalogue.fold(skill) }
        let wanted = Set(request.allSkills.map(read))
        guard !wanted.isEmpty else { return [] }
        let includeClosed = defects.contains(.staleVacancies)
        let snapshot = catalogue.withLock { $0 }
        var scored: [Recommendation] = []
        for index in snapshot.candidates(in: request.location.map { [$0] } ?? [], after: nil) {
            let vacancy = snapshot.vacancies[index]
            guard includeClosed || vacancy.isOpen(at: now) else { continue }
            if let location = request.location, !location.contains(vacancy.location) { continue }
            let matched = vacancy.skills.filter { wanted.contains(read($0)) }
            guard !matched.isEmpty else { continue }
            let share = Double(matched.count) / Double(defects.contains(.scoresByRecipientSkills) ? wanted.count : vacancy.skills.count)
            scored.append(Recommendation(vacancy: vacancy, score: min(share, 1), matchedSkills: matched))
        }
        // Best first; among equals, the newest (search order is kept by the stable sort).
        return Array(scored.sorted { $0.score > $1.score }.prefix(limit))
    }

    public func application(submissionID: String) async throws -> (submission: ApplicationSubmission, application: JobApplication)? {
        if defects.contains(.duplicateApplication) { return nil }  // forgets its submissions
        let found = applications.withLock { state in
            state.bySubmission[submissionID].map { ($0.submission, state.records[$0.applicationID]!) }
        }
        guard defects.contains(.retryRefreshesApplication), let (submission, application) = found else { return found }
        return (
            submission,
            try JobApplication(
                id: application.id, vacancyID: application.vacancyID, applicant: application.applicant,
                submittedAt: application.submittedAt.addingTimeInterval(max(1, Date().timeIntervalSince(application.submittedAt).rounded())))
        )
    }

    public func submit(_ submission: ApplicationSubmission, at date: Date) async throws -> JobApplication {
        guard let vacancy = try await vacancy(id: submission.vacancyID) else {
            throw RoleServiceError.notFound("vacancy \(submission.vacancyID)")
        }
        guard vacancy.isOpen(at: date) else { throw RoleServiceError.conflict("vacancy \(vacancy.id) closed at \(Timestamp(vacancy.closesAt))") }
        let allowDuplicates = defects.contains(.duplicateApplication)
        return try applications.withLock { (state) throws(RoleServiceError) in
            let pair = "\(submission.applicant.digits)|\(vacancy.id)"
            if !allowDuplicates, let existing = state.byApplicantAndVacancy[pair] {
                throw RoleServiceError.conflict("this applicant already applied to \(vacancy.id) as \(existing)")
            }
            state.next += 1
            let application = try! JobApplication(
                id: String(format: "APP-%07d", state.next), vacancyID: vacancy.id,
                applicant: submission.applicant, submittedAt: date)
            state.records[application.id] = application
            state.bySubmission[submission.submissionID] = (submission, application.id)
            state.byApplicantAndVacancy[pair] = application.id
            return application
        }
    }

    public func application(id: String) async throws -> JobApplication? {
        applications.withLock { $0.records[id] }
    }

    /// Moves an application on, as the employer would (viewed, called for selection, ...).
    public func advance(applicationID: String, to status: ApplicationStatus, at date: Date) throws(FieldError) {
        try applications.withLock { (state) throws(FieldError) in
            guard var application = state.records[applicationID] else { throw FieldError(field: "applicationID", reason: "unknown") }
            try application.advance(to: status, at: date)
            state.records[applicationID] = application
        }
    }

    /// The number of applications made.
    public var applicationCount: Int { applications.withLock { $0.records.count } }

    /// `matches` (up to `limit + 1`, in order) as a page whose cursor follows the last item shown.
    /// The pagination defects move that cursor one item back or forward.
    private func paged(_ matches: [JobVacancy], limit: Int, cursor: (JobVacancy) -> String) -> Page<JobVacancy> {
        let items = Array(matches.prefix(limit))
        guard matches.count > limit, let last = items.last else { return Page(items: items, nextCursor: nil) }
        if defects.contains(.paginationDuplicates), items.count >= 2 { return Page(items: items, nextCursor: cursor(items[items.count - 2])) }
        if defects.contains(.paginationDrops) { return Page(items: items, nextCursor: cursor(matches[limit])) }
        return Page(items: items, nextCursor: cursor(last))
    }
}

/// The vacancies in search order with their indexes: rebuilt whole on each change, read as a snapshot.
private struct Catalogue: Sendable {
    /// Newest posting first (postedAt descending, then ID descending): new vacancies land before any
    /// cursor, so a walk in progress never sees one twice or misses one.
    let vacancies: [JobVacancy]
    let position: [String: Int]
    /// Positions in search order, per province code.
    let byProvince: [String: [Int]]
    /// Positions ordered by (updatedAt, id) ascending, for the feed.
    let updateOrder: [Int]
    /// Title, company and skills, case- and diacritic-folded, for keyword search.
    let folded: [String]

    init(_ vacancies: [JobVacancy]) {
        let sorted = vacancies.sorted { CursorKey.searchOrder(.search($0), .search($1)) }
        self.vacancies = sorted
        position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.id, $0) })
        byProvince = Dictionary(grouping: sorted.indices) { sorted[$0].location.province.code }
        updateOrder = sorted.indices.sorted { CursorKey.updateOrder(.updates(sorted[$0]), .updates(sorted[$1])) }
        folded = sorted.map { Self.fold(([$0.title, $0.company] + $0.skills).joined(separator: "\u{1F}")) }
    }

    /// The positions a search in `locations` must look at, in search order, after `key`.
    func candidates(in locations: [RegionCode], after key: CursorKey?) -> [Int] {
        let start = key.map { key in vacancies.partitionPoint { CursorKey.searchOrder(key, .search($0)) } } ?? 0
        guard !locations.isEmpty else { return Array(start..<vacancies.count) }
        let provinces = Set(locations.map(\.province.code))
        return provinces.flatMap { byProvince[$0] ?? [] }.filter { $0 >= start }.sorted()
    }

    /// How keyword search compares text: ignoring case and diacritics, as `JobSearchFilter` does.
    static func fold(_ text: String) -> String { JobSearchFilter.fold(text) }
}

/// A vacancy's place in a listing (search: by posting time; feed: by update time), and the
/// opaque cursor that names it: URL-safe base64 of `kind:seconds:id`.
struct CursorKey: Sendable {
    enum Kind: String, Sendable {
        case search = "s", updates = "u"
    }

    let seconds: Int64
    let id: String

    static func search(_ vacancy: JobVacancy) -> CursorKey { CursorKey(seconds: Int64(vacancy.postedAt.timeIntervalSince1970), id: vacancy.id) }
    static func updates(_ vacancy: JobVacancy) -> CursorKey { CursorKey(seconds: Int64(vacancy.updatedAt.timeIntervalSince1970), id: vacancy.id) }

    /// Search order: newest posting first, then ID descending.
    static func searchOrder(_ lhs: CursorKey, _ rhs: CursorKey) -> Bool { (lhs.seconds, lhs.id) > (rhs.seconds, rhs.id) }
    /// Feed order: oldest update first, then ID ascending.
    static func updateOrder(_ lhs: CursorKey, _ rhs: CursorKey) -> Bool { (lhs.seconds, lhs.id) < (rhs.seconds, rhs.id) }

    init(seconds: Int64, id: String) {
        self.seconds = seconds
        self.id = id
    }

    init(cursor: String, _ kind: Kind) throws(RoleServiceError) {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { throw Self.foreign }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == kind.rawValue, let seconds = Int64(parts[1]), !parts[2].isEmpty else { throw Self.foreign }
        self.init(seconds: seconds, id: String(parts[2]))
    }

    func cursor(_ kind: Kind) -> String {
        Data("\(kind.rawValue):\(seconds):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static let foreign = RoleServiceError.invalidParameter("cursor", reason: "not a cursor this portal issued")
}

private struct Applications {
    var records: [String: JobApplication] = [:]
    var bySubmission: [String: (submission: ApplicationSubmission, applicationID: String)] = [:]
    var byApplicantAndVacancy: [String: String] = [:]
    var next = 0
}

extension Collection {
    /// The index of the first element for which `belongsAfter` is true, where it is false for a
    /// prefix and true for the rest (binary search).
    func partitionPoint(_ belongsAfter: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongsAfter(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
