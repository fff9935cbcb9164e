import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners

/// The job portal's protocol suite (`Specs/job-portal.openapi.yaml`): the shared spec, security,
/// negative-data, privacy and latency groups, and the role's semantics: every result satisfies
/// every filter on every page, pagination is complete, duplicate-free and newest first, the
/// update feed includes its bound, recommendations are scored as the contract says, only open
/// vacancies are offered, and an application retried with its submission ID is not submitted twice.
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
            // An open vacancy, so that a broken application is refused for what is broken in it,
            // not for naming a vacancy the portal does not have; the 50th newest, so that it is
            // none the applicant has applied to (the idempotency and conflict checks apply to the
            // newest: a near miss of the applicant would be refused as a conflict, broken or not).
            let page = try await probe.call("search-vacancies", "/v1/vacancies?limit=50")
            let vacancy: String
            if case .array(let items)? = page.json?["items"], case .string(let id)? = items.last?["id"] { vacancy = id } else { vacancy = "V-1" }
            return [
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
                            #"{"submissionID":"\#(probe.context.uniqueReference("SUB"))","vacancyID":"\#(vacancy)","applicant":"\#(try probe.context.fixtureText("applicant"))"}"#
                                .utf8))
                ),
            ]
        },
        // Each breaks what the contract states (a region code's pattern, not whether the region exists).
        badQueries: [
            ("search-vacancies", "/v1/vacancies?limit=0"), ("search-vacancies", "/v1/vacancies?limit=abc"),
            ("search-vacancies", "/v1/vacancies?location=3x"), ("search-vacancies", "/v1/vacancies?salaryMin=banyak"),
            ("search-vacancies", "/v1/vacancies?education=PhD"), ("vacancy-updates", "/v1/vacancy-updates?since=yesterday"),
            // A range upside down: salaryMax is "not below salaryMin".
            ("search-vacancies", "/v1/vacancies?salaryMin=5000000&salaryMax=4000000"),
        ],
        inputs: [applicant], refusalPrivacy: "PRIV-01",
        refused: { probe in
            // A second application by one applicant to one vacancy: the conflict that would name the applicant.
            let page = try await probe.call("search-vacancies", "/v1/vacancies?limit=2")
            guard case .array(let items)? = page.json?["items"], case .string(let id)? = items.last?["id"] else { return [] }
            let applicant = try probe.context.fixtureText("applicant")
            var answers: [ProbeAnswer] = []
            // And an application to a vacancy the portal does not have: the not-found that would.
            for vacancy in [id, id, "VAC-NO-SUCH-\(probe.context.runToken)"] {
                let body = #"{"submissionID":"\#(probe.context.uniqueReference("SUB"))","vacancyID":"\#(vacancy)","applicant":"\#(applicant)"}"#
                answers.append(try await probe.call("submit-application", "/v1/applications", body: Array(body.utf8)))
            }
            return answers
        })

    public static func suite() -> Suite {
        Suite(
            id: "job-portal", title: "Job portal",
            groups: shared.groups([searchGroup, paginationGroup, feedGroup, recommendationsGroup, freshnessGroup, applicationsGroup]))
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

    /// Searches made from the portal's own vacancies, so that they match something whatever its
    /// data: a regency one of them lies in, the industry most of them are in (each filter the
    /// contract has is searched by some search), a word of a title, and a word its descriptions use
    /// that no title, company or skill of the sample has (a portal that searches descriptions, or
    /// takes a regency for its province, answers these with vacancies outside the filter).
    static func derivedSearches(_ probe: ProgramSignedProbe) async throws -> [JobSearchFilter] {
        let sample = try await client(probe).search(JobSearchFilter(), page: PageRequest(limit: 50)).items
        var filters: [JobSearchFilter] = []
        if let regency = sample.lazy.map(\.location).first(where: { $0.regency != nil }) { filters.append(JobSearchFilter(locations: [regency])) }
        let industries = Dictionary(grouping: sample, by: \.industry).mapValues(\.count)
        if let industry = industries.max(by: { ($0.value, $1.key.section) < ($1.value, $0.key.section) })?.key {
            filters.append(JobSearchFilter(industries: [industry]))
        }
        func words(_ text: String) -> [String] { text.split { !$0.isLetter }.map { JobSearchFilter.fold(String($0)) }.filter { $0.count >= 5 } }
        if let word = sample.first.flatMap({ words($0.title).max { $0.count < $1.count } }) { filters.append(JobSearchFilter(keyword: word)) }
        let searched = sample.map { JobSearchFilter.fold(([$0.title, $0.company] + $0.skills).joined(separator: " ")) }
        var counts: [String: Int] = [:]
        for vacancy in sample {
            for word in Set(words(vacancy.description)) where !searched.contains(where: { $0.contains(word) }) { counts[word, default: 0] += 1 }
        }
        if let word = counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first?.key { filters.append(JobSearchFilter(keyword: word)) }
        return filters
    }

    /// The matches on the first `pages` pages of a search in pages of `limit` (all of them if it ends sooner).
    static func firstPages(_ probe: ProgramSignedProbe, _ filter: JobSearchFilter, limit: Int, pages: Int) async throws -> [JobVacancy] {
        var items: [JobVacancy] = []
        var read = 0
        for try await page in client(probe).searchPages(filter, limit: limit) {
            items += page.items
            read += 1
            if read == pages { break }
        }
        return items
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
                // Walked in pages of 10, so a filter applied to the first page only shows.
                let probe = try ProgramSignedProbe(context)
                var findings: [Finding] = []
                var seen = 0
                let filters = try searches() + (try await derivedSearches(probe))
                for filter in filters {
                    let results = try await firstPages(probe, filter, limit: 10, pages: 15)
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
                return .judge(
                    Array(findings.prefix(50)), pass: "\(seen) results of \(filters.count) searches in pages of 10, each within its filters"
                ) {
                    _ in "\(findings.count) results outside their filters"
                }
            }
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
                // A second later, so that an application stamped anew on the retry shows it.
                try await Task.sleep(for: .milliseconds(1_100))
                let retry = try await client(probe).submit(
                    ApplicationSubmission(
                        submissionID: submission.submissionID, vacancyID: vacancy.id,
                        applicant: applicant, coverNote: "Lamaran melalui Kartu Prakerja (ulang)"))
                let original = first.application, again = retry.application
                if retry.created || again.id != original.id {
                    findings.append(
                        Finding(
                            "the retried submission created another application", location: "POST /v1/applications",
                            expected: "HTTP 200 with application \(first.application.id)",
                            actual: "HTTP \(retry.created ? 201 : 200) with application \(retry.application.id)"))
                } else if again.submittedAt != original.submittedAt || again.vacancyID != original.vacancyID || again.applicant != original.applicant
                {
                    findings.append(
                        Finding(
                            "the retry returned the application changed", location: "POST /v1/applications",
                            expected: "application \(original.id) as first returned, submitted \(Timestamp(original.submittedAt))",
                            actual: "submitted \(Timestamp(again.submittedAt)), vacancy \(again.vacancyID)"))
                }
                // And read back two seconds after it was made: an application a portal has looked at
                // since is still the one made (its status one of the contract's: the run-wide schema
                // check judges this answer too).
                try await Task.sleep(for: .milliseconds(1_000))
                let readBack = try await probe.call("get-application", JobPortalPaths.application(original.id))
                if readBack.status != 200 || readBack.json?["id"]?.text != original.id {
                    findings.append(
                        readBack.finding(
                            "the application read back two seconds later is not the one made", location: "GET /v1/applications/{id}",
                            expected: "HTTP 200 with application \(original.id)",
                            actual: "HTTP \(readBack.status) with \(readBack.json?["id"]?.text ?? "no id")"))
                }
                return .judge(findings, pass: "the retry returned application \(first.application.id) unchanged, nothing new; read back 2 s later") {
                    _ in
                    findings.summary
                }
            }
        ])
}
