import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners

/// The job portal's protocol suite (`Specs/job-portal.openapi.yaml`): the shared spec, security,
/// negative-data and latency groups, and the role's semantics: every result satisfies every
/// filter, pagination is complete and duplicate-free, only open vacancies are offered, and an
/// application retried with its submission ID is not submitted twice.
public enum JobPortalSuite {
    static let applicant = "fixtures.applicant"

    static let shared = ProgramSignedChecks(
        prefix: "job-portal", contract: "Specs/job-portal.openapi.yaml", requirementPrefix: "JOB",
        probe: ("search-vacancies", "/v1/vacancies?limit=1"),
        latencyTarget: { "/v1/vacancies?location=\(["31", "32", "33", "35"][$0 % 4])&limit=\($0 % 50 + 1)" },
        tour: { probe in
            let first = try await probe.call("search-vacancies", "/v1/vacancies?limit=5")
            // A search nothing matches (no vacancy pays a billion rupiah a month): the last page.
            var answers = [first, try await probe.call("search-vacancies", "/v1/vacancies?salaryMin=1000000000&limit=5")]
            if case .array(let items)? = first.json?["items"], case .string(let id)? = items.first?["id"] {
                answers.append(try await probe.call("get-vacancy", JobPortalPaths.vacancy(id)))
            }
            answers.append(try await probe.call("get-vacancy", "/v1/vacancies/NO-SUCH-VACANCY-\(probe.context.runToken)"))
            answers.append(
                try await probe.call(
                    "vacancy-updates",
                    ProgramSignedProbe.target(
                        "/v1/vacancy-updates", [("since", Timestamp(Date().addingTimeInterval(-86_400)).description), ("limit", "5")])))
            answers.append(
                try await probe.call(
                    "recommend-vacancies", "/v1/recommendations",
                    body: Array(
                        #"{"skills":["Microsoft Excel","Komunikasi"],"completedTrainings":[{"courseCode":"LPKOPI01-WEB-01","competencies":["Pemasaran media sosial"]}],"limit":5}"#
                            .utf8)))
            answers.append(try await probe.call("get-application", "/v1/applications/NO-SUCH-APPLICATION-\(probe.context.runToken)"))
            return answers
        },
        bodies: { probe in
            [
                (
                    "recommend-vacancies", "/v1/recommendations",
                    try JSONValue.parse(
                        Array(
                            #"{"skills":["Microsoft Excel"],"completedTrainings":[{"courseCode":"LPKOPI01-WEB-01","competencies":["Copywriting"]}],"location":"32","limit":5}"#
                                .utf8))
                ),
                (
                    "submit-application", "/v1/applications",
                    try JSONValue.parse(
                        Array(
                            #"{"submissionID":"\#(probe.context.uniqueReference("SUB"))","vacancyID":"V-1","applicant":"\#(try probe.context.fixtureText("applicant"))"}"#
                                .utf8))
                ),
            ]
        },
        // Each breaks what the contract states (a region code's pattern, not whether the region exists).
        badQueries: [
            ("search-vacancies", "/v1/vacancies?limit=0"), ("search-vacancies", "/v1/vacancies?limit=abc"),
            ("search-vacancies", "/v1/vacancies?location=3x"), ("search-vacancies", "/v1/vacancies?salaryMin=banyak"),
            ("search-vacancies", "/v1/vacancies?education=PhD"), ("vacancy-updates", "/v1/vacancy-updates?since=yesterday"),
        ],
        inputs: [applicant])

    public static func suite() -> Suite {
        Suite(id: "job-portal", title: "Job portal", groups: shared.groups([searchGroup, paginationGroup, freshnessGroup, applicationsGroup]))
    }

    /// The searches the filter and freshness checks make: each dimension alone, and combined.
    static func searches() throws -> [JobSearchFilter] {
        do {
            return [
                JobSearchFilter(locations: [try RegionCode("32")]),
                JobSearchFilter(salary: try SalaryRange(minimum: 5_000_000, maximum: 7_000_000)),
                JobSearchFilter(educations: [.sma], jobTypes: [.fullTime]),
                JobSearchFilter(
                    locations: [try RegionCode("31"), try RegionCode("35")], salary: try SalaryRange(minimum: 4_000_000, maximum: 10_000_000),
                    jobTypes: [.fullTime, .contract]),
            ]
        } catch {
            throw CheckError.kit("a built-in search is invalid: \(error)")
        }
    }

    /// A filter as its query string: `location=32&salaryMin=5000000`.
    static func describe(_ filter: JobSearchFilter) -> String {
        VacancySearchQuery.items(filter).compactMap { name, value in value.map { "\(name)=\($0)" } }.joined(separator: "&")
    }

    static func client(_ probe: ProgramSignedProbe) -> JobPortalClient { JobPortalClient(http: probe.http) }

    static let searchGroup = CheckGroup(
        id: "job-portal.search", title: "Search",
        checks: [
            Check(
                shared.define(
                    "search.every-result-matches-every-filter", "Every result of a search satisfies every filter given",
                    requirements: ["SRCH-01"], tags: ["search"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var seen = 0
                for filter in try searches() {
                    let results = try await client(probe).searchAll(filter, limit: 100, maximumPages: 200)
                    seen += results.count
                    for vacancy in results {
                        for violation in filter.violations(of: vacancy) {
                            findings.append(
                                Finding(
                                    "a result outside the filter", location: "vacancy \(vacancy.id) /\(violation.field)",
                                    expected: "matches \(describe(filter))",
                                    actual: violation.reason))
                        }
                    }
                }
                guard seen > 0 else { return .notApplicable("the searches returned no vacancy to judge") }
                return .judge(Array(findings.prefix(50)), pass: "\(seen) results of 4 searches, each within its filters") { _ in
                    "\(findings.count) results outside their filters"
                }
            }
        ])

    /// Walks a search with `limit` per page, returning the ids in order.
    static func walk(_ probe: ProgramSignedProbe, _ filter: JobSearchFilter, limit: Int) async throws -> [String] {
        try await client(probe).searchAll(filter, limit: limit, maximumPages: 500).map(\.id)
    }

    static let paginationGroup = CheckGroup(
        id: "job-portal.pagination", title: "Pagination",
        checks: [
            Check(
                shared.define(
                    "pagination.no-duplicates", "Walking every page returns each vacancy once", requirements: ["PAGE-01"],
                    tags: ["pagination"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let filter = JobSearchFilter(locations: [try RegionCode("32")])
                let ids = try await walk(probe, filter, limit: 25)
                var counts: [String: Int] = [:]
                for id in ids { counts[id, default: 0] += 1 }
                let repeated = counts.filter { $0.value > 1 }.sorted { $0.key < $1.key }
                let findings = repeated.prefix(20).map {
                    Finding("a vacancy on more than one page", location: "vacancy \($0.key)", expected: "once", actual: "\($0.value) times")
                }
                return .judge(findings, pass: "\(ids.count) vacancies over pages of 25, none twice") { _ in
                    "\(repeated.count) vacancies returned more than once"
                }
            },
            Check(
                shared.define(
                    "pagination.complete", "Walking every page returns every match, whatever the page size, even while vacancies are added",
                    requirements: ["PAGE-02"], tags: ["pagination"])
            ) { context in
                // Three walks, pages of 25, 100, then 25 again. A vacancy added meanwhile may be in a
                // later walk and not an earlier one (the contract allows it), and one that closed
                // meanwhile may leave; any other vacancy in one walk is in every later walk, so a
                // match missing from a later walk than one it was in was dropped by the paging.
                let probe = try ProgramSignedProbe(context)
                let filter = JobSearchFilter(locations: [try RegionCode("32")])
                let walks = [
                    (25, try await client(probe).searchAll(filter, limit: 25, maximumPages: 500)),
                    (100, try await client(probe).searchAll(filter, limit: 100, maximumPages: 500)),
                    (25, try await client(probe).searchAll(filter, limit: 25, maximumPages: 500)),
                ]
                let now = Date()
                var findings: [Finding] = []
                var dropped: Set<String> = []
                for (earlier, (earlierLimit, before)) in walks.enumerated() {
                    for (laterLimit, after) in walks[(earlier + 1)...] {
                        let later = Set(after.map(\.id))
                        for vacancy in before where !later.contains(vacancy.id) && vacancy.isOpen(at: now) && dropped.insert(vacancy.id).inserted {
                            findings.append(
                                Finding(
                                    "a match missing from a later walk", location: "vacancy \(vacancy.id)",
                                    expected: "in every walk after the one with pages of \(earlierLimit)",
                                    actual: "missing with pages of \(laterLimit)"))
                        }
                    }
                }
                guard walks.contains(where: { !$0.1.isEmpty }) else { return .notApplicable("the search matched nothing") }
                let counts = walks.map { String($0.1.count) }.joined(separator: ", ")
                return .judge(Array(findings.prefix(20)), pass: "\(counts) matches walking pages of 25, 100 and 25, none dropped") { _ in
                    "\(findings.count) matches dropped between pages"
                }
            },
        ])

    static let freshnessGroup = CheckGroup(
        id: "job-portal.freshness", title: "Freshness",
        checks: [
            Check(
                shared.define(
                    "freshness.only-open-vacancies", "Search and recommendations offer only vacancies still open", requirements: ["FRSH-01"],
                    tags: ["freshness"])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let now = Date()
                var findings: [Finding] = []
                var seen = 0
                for filter in try searches() {
                    for vacancy in try await client(probe).searchAll(filter, limit: 100, maximumPages: 200) {
                        seen += 1
                        if !vacancy.isOpen(at: now) {
                            findings.append(
                                Finding(
                                    "a closed vacancy in search results", location: "vacancy \(vacancy.id) /closesAt",
                                    expected: "after \(Timestamp(now))", actual: Timestamp(vacancy.closesAt).description))
                        }
                    }
                }
                let recommended = try await client(probe).recommendations(
                    RecommendationRequest(skills: ["Microsoft Excel", "Komunikasi", "Penjualan"], limit: 50))
                for item in recommended.items where !item.vacancy.isOpen(at: now) {
                    seen += 1
                    findings.append(
                        Finding(
                            "a closed vacancy recommended", location: "vacancy \(item.vacancy.id) /closesAt",
                            expected: "after \(Timestamp(now))", actual: Timestamp(item.vacancy.closesAt).description))
                }
                return .judge(Array(findings.prefix(50)), pass: "\(seen + recommended.items.count) vacancies offered, all open") { _ in
                    "\(findings.count) closed vacancies offered"
                }
            }
        ])

    static let applicationsGroup = CheckGroup(
        id: "job-portal.applications", title: "Applications",
        checks: [
            Check(
                shared.define(
                    "applications.idempotent-submit", "A submission retried with its submissionID returns the original and creates nothing",
                    requirements: ["APPL-01"], tags: ["applications", "idempotency"], inputs: [applicant])
            ) { context in
                let probe = try ProgramSignedProbe(context)
                let applicant: KartuPrakerjaNumber
                do { applicant = try KartuPrakerjaNumber(try context.fixtureText("applicant")) } catch let error as FieldError {
                    throw CheckError.kit("fixtures.applicant: \(error.reason)")
                }
                // An applicant applies to a vacancy once (a new submission for one already applied
                // to, by an earlier run against the same portal, is a conflict): the first vacancy
                // of the first page the applicant has not applied to is the one to apply to.
                let vacancies = try await client(probe).search(JobSearchFilter(), page: PageRequest(limit: 20)).items
                guard !vacancies.isEmpty else { return .notApplicable("the portal has no open vacancy to apply to") }
                var applied: (vacancy: JobVacancy, submission: ApplicationSubmission, first: (application: JobApplication, created: Bool))?
                for vacancy in vacancies where applied == nil {
                    let submission = ApplicationSubmission(
                        submissionID: context.uniqueReference("SUB"), vacancyID: vacancy.id, applicant: applicant,
                        coverNote: "Lamaran melalui Kartu Prakerja")
                    do {
                        applied = (vacancy, submission, try await client(probe).submit(submission))
                    } catch let error as PrakerjaAPIError where error.roleCode == .conflict {
                        continue
                    }
                }
                guard let (vacancy, submission, first) = applied else {
                    return .notApplicable("the applicant has already applied to every vacancy of the first page")
                }
                guard first.created else { throw CheckError.partner("a new submission was answered as a retry (HTTP 200, not 201)") }
                var findings: [Finding] = []
                let retry = try await client(probe).submit(
                    ApplicationSubmission(
                        submissionID: submission.submissionID, vacancyID: vacancy.id,
                        applicant: applicant, coverNote: "Lamaran melalui Kartu Prakerja (ulang)"))
                if retry.created || retry.application.id != first.application.id {
                    findings.append(
                        Finding(
                            "the retried submission created another application", location: "POST /v1/applications",
                            expected: "HTTP 200 with application \(first.application.id)",
                            actual: "HTTP \(retry.created ? 201 : 200) with application \(retry.application.id)"))
                }
                return .judge(findings, pass: "the retry returned application \(first.application.id), nothing new") { _ in
                    "a retried application was submitted twice"
                }
            }
        ])
}
