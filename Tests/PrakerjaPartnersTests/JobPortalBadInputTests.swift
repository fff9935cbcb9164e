import Foundation
import PrakerjaPartners
import PrakerjaReferencePartners
import Testing

/// Every kind of bad input, sent to every operation of the reference job portal.
@Suite struct JobPortalBadInputTests {
    static let submission = #"{"submissionID":"S-1","vacancyID":"VAC-000001","applicant":"4001234567890123"}"#

    static let operations: [RoleBadInput.Operation] = [
        RoleBadInput.Operation(
            method: "GET", target: "/v1/vacancies?location=32&jobType=full-time", body: "",
            badParameters: [
                ("/v1/vacancies?location=99", "location"), ("/v1/vacancies?location=32.7", "location"), ("/v1/vacancies?education=SMK", "education"),
                ("/v1/vacancies?industry=Z", "industry"), ("/v1/vacancies?jobType=gig", "jobType"), ("/v1/vacancies?salaryMin=abc", "salaryMin"),
                ("/v1/vacancies?salaryMin=-1", "salaryMin"), ("/v1/vacancies?salaryMin=9000000&salaryMax=1000000", "salaryMax"),
                ("/v1/vacancies?limit=0", "limit"), ("/v1/vacancies?limit=101", "limit"), ("/v1/vacancies?cursor=bm9wZQ", "cursor"),
                ("/v1/vacancies?jobType=full-time&jobType=contract", "jobType"),
                ("/v1/vacancies?keyword=" + String(repeating: "a", count: 101), "keyword"),
            ]),
        RoleBadInput.Operation(method: "GET", target: "/v1/vacancies/VAC-000001", body: ""),
        RoleBadInput.Operation(
            method: "GET", target: "/v1/vacancy-updates?since=2021-11-01T00%3A00%3A00%2B07%3A00", body: "",
            badParameters: [
                ("/v1/vacancy-updates", "since"), ("/v1/vacancy-updates?since=yesterday", "since"), ("/v1/vacancy-updates?since=1635700000", "since"),
                ("/v1/vacancy-updates?since=2021-11-01T00%3A00%3A00Z&cursor=czoxOlY", "cursor"),
            ]),
        RoleBadInput.Operation(
            method: "POST", target: "/v1/recommendations", body: #"{"skills":["Microsoft Excel"],"completedTrainings":[]}"#,
            badBodies: [
                (#"{"skills":"Excel","completedTrainings":[]}"#, .invalidField, "skills"),
                (#"{"skills":[],"completedTrainings":[{"courseCode":"C1"}]}"#, .missingField, "completedTrainings[0].competencies"),
                (#"{"skills":[],"completedTrainings":[],"location":"99"}"#, .invalidField, "location"),
                (#"{"skills":[],"completedTrainings":[],"limit":51}"#, .invalidField, "limit"),
            ]),
        RoleBadInput.Operation(
            method: "POST", target: "/v1/applications", body: submission,
            badBodies: [
                (#"{"submissionID":"S-2","vacancyID":"VAC-000001","applicant":"4001"}"#, .invalidField, "applicant"),
                (#"{"submissionID":7,"vacancyID":"VAC-000001","applicant":"4001234567890123"}"#, .invalidField, "submissionID"),
                (#"{"submissionID":"","vacancyID":"VAC-000001","applicant":"4001234567890123"}"#, .invalidField, "submissionID"),
                (#"{"vacancyID":"VAC-000001","applicant":"4001234567890123"}"#, .missingField, "submissionID"),
            ]),
        RoleBadInput.Operation(method: "GET", target: "/v1/applications/APP-0000001", body: ""),
    ]

    @Test(arguments: operations.indices)
    func everyOperationRefusesBadInput(_ index: Int) async throws {
        try await JobPortalHarness.run(vacancies: 200) { h in
            if index == 5 {  // an application to read
                _ = try await h.post("/v1/applications", Array(Self.submission.utf8))
            }
            let battery = RoleBadInput(client: h.client.http, credentials: ReferenceCredentials.program)
            try await battery.run(Self.operations[index])
        }
    }

    @Test func replaysUnknownRoutesAndMethodsAreRefused() async throws {
        try await JobPortalHarness.run(vacancies: 50) { h in
            let battery = RoleBadInput(client: h.client.http, credentials: ReferenceCredentials.program)
            try await battery.expectReplayRefused("/v1/vacancies?limit=3")
            battery.expect(try await h.get("/v1/nothing-here"), .notFound, "an unknown path")
            battery.expect(try await h.client.http.send(method: "DELETE", target: "/v1/vacancies", body: []), .notFound, "an unknown method")
            battery.expect(try await h.get("/v1/vacancies/VAC-999999"), .notFound, "an unknown vacancy")
            battery.expect(try await h.get("/v1/applications/APP-9"), .notFound, "an unknown application")
        }
    }
}
