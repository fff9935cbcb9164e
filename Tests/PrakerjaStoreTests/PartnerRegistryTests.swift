import Foundation
import PrakerjaKitFiles
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance
@testable import PrakerjaCuration
@testable import PrakerjaStore

/// Partners registered by the program: the runs their users start (one at a time, a number a
/// day, queued with the registered config only) and the runs that are theirs to see.
@Suite struct PartnerRegistryTests {
    static let start = Date(timeIntervalSince1970: 1_790_200_000)

    static func partner(_ name: String = "LP Kopi", provider: String? = "REFLP01", dailyRuns: Int = 2) -> RegisteredPartner {
        RegisteredPartner(
            name: name, role: "training-provider", baseURL: "http://127.0.0.1:8185", config: "/etc/prakerja/\(name).yaml", provider: provider,
            dailyRuns: dailyRuns, registeredBy: "admin", registeredAt: start)
    }

    static func open(_ kind: TestStore) async throws -> (ResultsStore, String) {
        let location = try await kind.freshLocation()
        return (try await ResultsStore.open(location), location)
    }

    @Test(arguments: TestStore.all) func aPartnersRunsAreOneAtATimeAndANumberADay(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind)
        await #expect(throws: PartnerRefusal.notRegistered("LP Kopi")) {
            try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-0", now: Self.start)
        }
        try await store.register(Self.partner())
        #expect(try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-1", now: Self.start) == "R-1")
        let sweep = try #require(try await store.sweep("R-1"))
        #expect(sweep.plan == Sweep.partnerPlan("LP Kopi", config: "/etc/prakerja/LP Kopi.yaml"))
        #expect(sweep.items.map(\.key) == ["/etc/prakerja/LP Kopi.yaml", SweepItem.finish], "the registered config, nothing the user gave")
        await #expect(throws: PartnerRefusal.alreadyRunning("R-1")) {
            try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-2", now: Self.start.addingTimeInterval(60))
        }
        _ = try await TestStore.sql("UPDATE sweep SET status = 'finished'", at: location)
        #expect(try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-2", now: Self.start.addingTimeInterval(120)) == "R-2")
        _ = try await TestStore.sql("UPDATE sweep SET status = 'finished'", at: location)
        await #expect(throws: PartnerRefusal.quotaReached(limit: 2, next: Self.start.addingTimeInterval(24 * 3_600))) {
            try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-3", now: Self.start.addingTimeInterval(180))
        }
        let standing = try #require(try await store.partnerStanding("LP Kopi", now: Self.start.addingTimeInterval(180)))
        #expect(standing.running == nil && standing.started.count == 2)
        // A day after the first, one may start again.
        #expect(try await store.startPartnerRun("LP Kopi", by: "lp", id: "R-3", now: Self.start.addingTimeInterval(24 * 3_600 + 1)) == "R-3")
        #expect(try await store.audit("R-3").contains { $0.actor == "lp" && $0.action == "sweep.queued" })
        await store.close()
    }

    @Test(arguments: TestStore.all) func tenClicksAtOnceQueueOneRun(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind)
        try await store.register(Self.partner(dailyRuns: 50))
        let started = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<10 {
                group.addTask { (try? await store.startPartnerRun("LP Kopi", by: "lp", id: "R-\(index)", now: Self.start)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(started == 1)
        #expect(try await TestStore.sql("SELECT count(*) FROM sweep", at: location) == ["1"])
        await store.close()
    }

    /// Uploads at once never pass the day's number together: the count and the recording are one
    /// transaction.
    @Test(arguments: TestStore.all) func proposalsAtOnceStopAtTheDaysNumber(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind)
        try await store.register(Self.partner())
        try await store.addPerson(ConsolePerson(login: "kopi", name: "Kopi", role: .partner, partner: "LP Kopi"), passwordHash: "x", by: "test")
        let assessor = try ProposalAssessor()
        let proposal = try CourseProposal.load("\(KitFiles.defaultRoot)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json")
        let runs = try (0..<(RegisteredPartner.dailyProposals + 6)).map { _ in try assessor.assess(proposal, source: "test", history: nil) }
        let refused = await withTaskGroup(of: PartnerRefusal?.self) { group in
            for run in runs {
                group.addTask {
                    do { try await store.submitProposal(run, by: "kopi", partner: "LP Kopi") } catch { return error as? PartnerRefusal }
                    return nil
                }
            }
            return await group.reduce(into: [PartnerRefusal]()) { if let refusal = $1 { $0.append(refusal) } }
        }
        #expect(refused == Array(repeating: .proposalsReached(limit: RegisteredPartner.dailyProposals), count: 6))
        #expect(try await TestStore.sql("SELECT count(*) FROM run", at: location) == ["\(RegisteredPartner.dailyProposals)"])
        await store.close()
    }

    @Test(arguments: TestStore.all) func aProviderCodeBelongsToOnePartner(_ kind: TestStore) async throws {
        let (store, _) = try await Self.open(kind)
        try await store.register(Self.partner())
        await #expect(throws: StoreError.self) { try await store.register(Self.partner("LP Teh")) }
        try await store.register(Self.partner(dailyRuns: 7))
        #expect(try await store.partners().map(\.dailyRuns) == [7], "registering again changes the registration")
        await store.close()
    }

    /// A partner sees its own runs and the assessments of its provider code, and nobody else's.
    @Test(arguments: TestStore.all) func aPartnersRunsAreItsNameAndItsProvidersAssessments(_ kind: TestStore) async throws {
        let (store, _) = try await Self.open(kind)
        let assessor = try ProposalAssessor()
        let proposal = try CourseProposal.load("\(KitFiles.defaultRoot)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json")
        let assessed = try assessor.assess(proposal, source: "test", history: nil, startedAt: Self.start)
        try await store.save(assessed)
        #expect(try await store.runs(ofPartner: "LP Kopi").isEmpty, "not registered: no provider code is its")
        try await store.register(Self.partner())
        try await store.register(Self.partner("LP Teh", provider: "OTHER01"))
        #expect(try await store.runs(ofPartner: "LP Kopi").map(\.id) == [assessed.runID])
        #expect(try await store.runEntry(assessed.runID, ofPartner: "LP Kopi") != nil)
        #expect(try await store.runs(ofPartner: "LP Teh").isEmpty)
        #expect(try await store.runEntry(assessed.runID, ofPartner: "LP Teh") == nil)
        await store.close()
    }
}
