import Foundation
import PrakerjaPartners
import PrakerjaReferencePartners
import Testing

/// Every kind of bad input, sent to every operation of the reference training provider.
@Suite struct TrainingProviderBadInputTests {
    @Test(arguments: 0..<5)
    func everyOperationRefusesBadInput(_ index: Int) async throws {
        try await TrainingProviderHarness.run { h in
            let participant = h.catalogue.participants[0].progress
            let course = participant.courseCode
            let operations: [RoleBadInput.Operation] = [
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/courses?method=webinar", body: "",
                    badParameters: [
                        ("/v1/courses?method=online", "method"), ("/v1/courses?limit=abc", "limit"), ("/v1/courses?cursor=nope", "cursor"),
                        ("/v1/courses?method=webinar&method=hybrid", "method"),
                    ]),
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/courses/\(course)", body: "",
                    badParameters: [
                        ("/v1/courses/" + String(repeating: "X", count: 101), "code")
                    ]),
                RoleBadInput.Operation(method: "GET", target: "/v1/courses/\(course)/schedules", body: ""),
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/progress/\(participant.redeemCode)", body: "",
                    badParameters: [
                        ("/v1/progress/abc", "redeemCode"), ("/v1/progress/lowercase-code", "redeemCode"),
                    ]),
                RoleBadInput.Operation(
                    method: "GET", target: "/v1/certificates/\(participant.certificateNumber ?? "X")", body: "",
                    badParameters: [
                        ("/v1/certificates/REFLP01%202026", "number"), ("/v1/certificates/" + String(repeating: "9", count: 65), "number"),
                    ]),
            ]
            try await RoleBadInput(client: h.client.http, credentials: ReferenceCredentials.program).run(operations[index])
        }
    }

    @Test func replaysUnknownRoutesAndMissingThingsAreRefused() async throws {
        try await TrainingProviderHarness.run { h in
            let battery = RoleBadInput(client: h.client.http, credentials: ReferenceCredentials.program)
            try await battery.expectReplayRefused("/v1/courses?limit=2")
            battery.expect(try await h.client.http.send(method: "GET", target: "/v1/students", body: []), .notFound, "an unknown path")
            battery.expect(
                try await h.client.http.send(method: "POST", target: "/v1/courses", body: Array("{}".utf8)), .notFound, "an unknown method")
            battery.expect(
                try await h.client.http.send(method: "GET", target: "/v1/courses/NOPE/schedules", body: []), .notFound, "an unknown course")
        }
    }
}
