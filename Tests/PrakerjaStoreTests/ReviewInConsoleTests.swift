import Foundation
import PrakerjaTestSupport
import Testing

@testable import PrakerjaConformance
@testable import PrakerjaCuration
@testable import PrakerjaStore

/// Reviews as the console records them, through the worksheets' one recording: who may review
/// what, a critical indicator's second reviewer (of another institution where the rule pack says
/// so), disagreements adjudicated by the admin, assignments by hand and balanced, and many
/// reviewers at once each recorded exactly once.
@Suite struct ReviewInConsoleTests {
    static let people = [
        ConsolePerson(login: "admin", name: "Admin", role: .admin),
        ConsolePerson(login: "budi", name: "Budi", role: .monitor, institution: "IPB"),
        ConsolePerson(login: "wati", name: "Wati", role: .monitor, institution: "IPB"),
        ConsolePerson(login: "dewi", name: "Dewi", role: .monitor, institution: "UI"),
        ConsolePerson(login: "sari", name: "Sari", role: .assessor, institution: "UGM"),
    ]
    static var person: [String: ConsolePerson] { Dictionary(uniqueKeysWithValues: people.map { ($0.login, $0) }) }

    /// A finished monitoring sweep under `rulePack` of `courses` courses, each with a critical
    /// indicator (M-TI-01, position 2i) and a major one (M-PR-05, position 2i+1) waiting for people,
    /// their findings naming the platform that sells the course ("Platform A" or "Platform B").
    static func sweep(_ id: String, rulePack: String, courses: Int = 2) -> RunResult {
        let started = Date(timeIntervalSince1970: 1_790_100_000)
        var run = MonitoringResult.header(source: "fleet", courses: courses, rulePack: rulePack, runID: id, startedAt: started)
        var summary: [MonitoringSummary.Course] = []
        run.suites[0].groups = (0..<courses).map { index in
            let code = "CRS-\(index)"
            summary.append(.init(code: code, title: "Kursus \(index)", status: .awaitingReview, provider: "LPK-\(index % 3)"))
            let checks = [("M-TI-01", "critical"), ("M-PR-05", "major")].map { indicator, gravity in
                CheckResult(
                    check: CheckDefinition(id: indicator, title: indicator, requirement: indicator, tags: [gravity]), verdict: .needsReview,
                    fault: nil, message: "a person decides",
                    evidence: Evidence(findings: [Finding("as listed", location: index % 2 == 0 ? "Platform A" : "Platform B")]), startedAt: started,
                    milliseconds: 1, proposed: .pass)
            }
            return GroupResult(id: MonitoringResult.groupID(code), title: code, verdict: .needsReview, checks: checks)
        }
        run.monitoring = MonitoringSummary(
            rulePack: rulePack, courses: summary,
            partners: ["Platform A", "Platform B"].map { .init(name: $0, compliant: 0, warning: 0, violation: 0, error: 0) })
        run.resummarize(with: catalogues[.monitoring]!)
        run.finishedAt = started.addingTimeInterval(60)
        return run
    }

    static func open(_ kind: TestStore, runs: [RunResult]) async throws -> (ResultsStore, String) {
        let location = try await kind.freshLocation()
        let store = try await ResultsStore.open(location)
        for person in people { try await store.addPerson(person, passwordHash: "x", by: "test") }
        for run in runs { try await store.save(run) }
        return (store, location)
    }

    static let catalogues: [RunResult.Kind: IndicatorCatalogue] = [.monitoring: try! IndicatorCatalogue.standard(.monitoring)]

    /// `login`'s verdict on the result at `position`, each call a form of its own.
    @discardableResult
    static func review(
        _ store: ResultsStore, _ run: String, _ position: Int, _ verdict: Verdict, by login: String, form: String = UUID().uuidString
    ) async throws -> ReviewImport {
        try await store.review(
            runID: run, position: position, verdict: verdict.rawValue, note: "checked the live page", by: person[login]!, form: form,
            catalogues: catalogues)
    }

    static func verdict(_ store: ResultsStore, _ run: String, _ position: Int) async throws -> (Verdict, [Review]) {
        let result = try #require(try await store.result(run, at: position)).result
        return (result.verdict, result.reviews ?? [])
    }

    @Test(arguments: TestStore.all) func aCriticalIndicatorsSecondReviewerComesFromAnotherInstitutionWhereTheRulePackSaysSo(
        _ kind: TestStore
    )
        async throws
    {
        let (store, _) = try await Self.open(kind, runs: [Self.sweep("S-2023", rulePack: "2023-normal"), Self.sweep("S-2021", rulePack: "2021")])
        for run in ["S-2023", "S-2021"] { _ = try await store.assign(run, to: .institution("IPB"), by: "admin") }
        for run in ["S-2023", "S-2021"] {
            try await Self.review(store, run, 0, .fail, by: "budi")
            #expect(try await Self.verdict(store, run, 0).0 == .needsReview, "\(run): one reviewer does not decide a critical indicator")
            try await Self.review(store, run, 1, .pass, by: "budi")
            #expect(try await Self.verdict(store, run, 1).0 == .pass, "\(run): one reviewer decides a major indicator")
        }
        // Wati, of Budi's institution: her queue offers the 2021 sweep's critical result, not the 2023 one's.
        let watisQueue = try await store.reviewQueue(for: Self.person["wati"]!)
        #expect(Set(watisQueue.filter { $0.reason == .secondOpinion }.map(\.runID)) == ["S-2021"])
        #expect(try await store.reviewQueue(for: Self.person["budi"]!).allSatisfy { !($0.runID == "S-2023" && $0.position == 0) }, "not his own")
        for run in ["S-2023", "S-2021"] { try await Self.review(store, run, 0, .fail, by: "wati") }
        #expect(try await Self.verdict(store, "S-2021", 0).0 == .fail, "2021: two reviewers who agree decide")
        #expect(try await Self.verdict(store, "S-2023", 0).0 == .needsReview, "2023: two of one institution do not")
        // Dewi, of UI, is not assigned the sweep but may give the second opinion it waits for.
        #expect(try await store.reviewQueue(for: Self.person["dewi"]!).map(\.runID) == ["S-2023"])
        try await Self.review(store, "S-2023", 0, .fail, by: "dewi")
        let (verdict, reviews) = try await Self.verdict(store, "S-2023", 0)
        #expect(verdict == .fail)
        #expect(reviews.map(\.institution) == ["IPB", "IPB", "UI"])
        let entry = try #require(try await store.runEntry("S-2023"))
        #expect(entry.outcome?.contains("violation") == true, "the sweep's course statuses were recomputed: \(entry.outcome ?? "")")
        await store.close()
    }

    @Test(arguments: TestStore.all) func reviewersWhoDisagreeAreAdjudicatedByTheAdmin(_ kind: TestStore) async throws {
        let (store, _) = try await Self.open(kind, runs: [Self.sweep("S-1", rulePack: "2023-normal")])
        _ = try await store.assign("S-1", to: .institution("IPB"), by: "admin")
        try await Self.review(store, "S-1", 0, .pass, by: "budi")
        try await Self.review(store, "S-1", 0, .fail, by: "dewi")
        #expect(try await Self.verdict(store, "S-1", 0).0 == .needsReview)
        #expect(try await store.reviewQueue(for: Self.person["admin"]!).map { "\($0.reason)/\($0.position)" } == ["disagreement/0"])
        #expect(
            try await store.reviewQueue(for: Self.person["wati"]!).allSatisfy { $0.position != 0 },
            "a disagreement is the admin's, not a third monitor's")
        try await Self.review(store, "S-1", 0, .fail, by: "admin")
        let (verdict, reviews) = try await Self.verdict(store, "S-1", 0)
        #expect(verdict == .fail)
        #expect(reviews.last?.adjudicates == true)
        #expect(try await store.audit("S-1").map(\.action).contains("adjudication"))
        #expect(try await store.reviewQueue(for: Self.person["admin"]!).isEmpty)
        await store.close()
    }

    @Test(arguments: TestStore.all) func aReviewerReviewsOnlyWhatIsTheirsAndAFormCountsOnce(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind, runs: [Self.sweep("S-1", rulePack: "2023-normal")])
        func refused(_ login: String, _ position: Int, _ expected: String) async {
            await #expect("\(login) on \(position)") {
                try await Self.review(store, "S-1", position, .pass, by: login)
            } throws: { ($0 as? ReviewImportError)?.problems.joined().contains(expected) == true }
        }
        await refused("budi", 1, "is not assigned to you or IPB")
        _ = try await store.assign("S-1", to: .person("budi"), by: "admin")
        await refused("wati", 1, "is not assigned to you or IPB")
        await refused("sari", 1, "an assessor does not review monitoring runs")
        await refused("budi", 9, "has no result 9")
        // An indicator at a time (M-PR-05 of each course, then M-TI-01), in the order recorded.
        #expect(try await store.reviewQueue(for: Self.person["budi"]!).map(\.position) == [1, 3, 0, 2])
        #expect(try await store.reviewQueue(for: Self.person["wati"]!).isEmpty)
        // The same form sent twice (a double click, a reload) is one review.
        try await Self.review(store, "S-1", 1, .fail, by: "budi", form: "form-1")
        try await Self.review(store, "S-1", 1, .fail, by: "budi", form: "form-1")
        #expect(try await Self.verdict(store, "S-1", 1).1.count == 1)
        #expect(try await TestStore.sql("SELECT count(*) FROM review", at: location) == ["1"])
        // A worksheet naming a person of the console with another institution is refused.
        let row = ReviewWorksheet.Row(
            run: "S-1", result: "\(MonitoringResult.groupID("CRS-0"))/M-TI-01", indicator: "", title: "", severity: "", method: "", proposed: "",
            message: "", evidence: "", rubric: "", earlierReviews: "", verdict: "pass", reviewer: "dewi", note: "", reviewedAt: "",
            institution: "UGM")
        await #expect {
            try await store.importReviews(ReviewWorksheet(rows: [row]), source: "sheet.csv", catalogues: Self.catalogues)
        } throws: { ($0 as? ReviewImportError)?.problems.joined().contains("dewi is a person of the console of UI, not of UGM") == true }
        await store.close()
    }

    /// What was decided, and what reviewers disagree on, are the admin's: a reviewer of the
    /// run, or a third one offering a second opinion, is refused (the outsider pentest found
    /// both let through). A verdict without a note is refused too.
    @Test(arguments: TestStore.all) func aDecidedResultOrADisagreementIsTheAdminsToChange(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind, runs: [Self.sweep("S-1", rulePack: "2021")])
        _ = try await store.assign("S-1", to: .institution("IPB"), by: "admin")
        func refused(_ login: String, _ position: Int, _ expected: String) async {
            await #expect("\(login) on \(position)") {
                try await Self.review(store, "S-1", position, .pass, by: login)
            } throws: { ($0 as? ReviewImportError)?.problems.joined().contains(expected) == true }
        }
        try await Self.review(store, "S-1", 1, .fail, by: "budi")
        await refused("wati", 1, "already decided: only the admin changes it now")
        await refused("dewi", 1, "already decided")
        #expect(try await store.reviewRefusal(for: Self.person["wati"]!, runID: "S-1", position: 1) != nil, "no form on the page either")
        try await Self.review(store, "S-1", 1, .pass, by: "admin")
        #expect(try await Self.verdict(store, "S-1", 1).0 == .pass, "the admin changes what was decided")
        // A critical result two reviewers disagree on: a third does not settle it, the admin does.
        try await Self.review(store, "S-1", 0, .fail, by: "budi")
        try await Self.review(store, "S-1", 0, .pass, by: "dewi")
        await refused("wati", 0, "its reviewers disagree: the admin adjudicates")
        #expect(try await store.reviewQueue(for: Self.person["wati"]!).allSatisfy { $0.position != 0 })
        // A second opinion is on a critical result only, and wants a note.
        await refused("dewi", 3, "not assigned to you or UI")
        await #expect {
            try await store.review(
                runID: "S-1", position: 2, verdict: "pass", note: "  \n ", by: Self.person["budi"]!, form: "f", catalogues: Self.catalogues)
        } throws: { ($0 as? ReviewImportError)?.problems.joined().contains("a verdict needs a note") == true }
        #expect(try await TestStore.sql("SELECT count(*) FROM review", at: location) == ["4"])
        await store.close()
    }

    /// An institution is one institution however it is typed: a second spelling of one a person
    /// already has is refused, and spaces and compatibility characters are folded.
    @Test func anInstitutionHasOneSpelling() async throws {
        let (store, _) = try await Self.open(.sqlite, runs: [])
        for (index, variant) in ["ui", "Ui "].enumerated() {
            await #expect {
                try await store.addPerson(
                    .init(login: "person\(index)", name: "X", role: .assessor, institution: variant), passwordHash: "x", by: "t")
            } throws: { "\($0)".contains("is written UI for others") }
        }
        let yanti = ConsolePerson(login: "yanti", name: "Yanti", role: .monitor, institution: " \u{FF35}\u{FF29}\u{00A0}")
        try await store.addPerson(yanti, passwordHash: "x", by: "t")
        #expect(try await store.people().first { $0.login == "yanti" }?.institution == "UI", "full-width letters and a no-break space fold to UI")
        #expect(ConsolePerson.sameInstitution("Atma  Jaya", "atma jaya") && !ConsolePerson.sameInstitution("UI", "UGM"))
        await store.close()
    }

    /// A run recorded before rule packs were kept with runs is judged by the pack its header
    /// names, and gets it kept when the console starts.
    @Test func aRunRecordedBeforeRulePacksWereKeptGetsItsPack() async throws {
        let (store, location) = try await Self.open(.sqlite, runs: [Self.sweep("S-1", rulePack: "2023-normal")])
        _ = try await TestStore.sql("UPDATE run SET rulePack = NULL", at: location)
        try await Self.review(store, "S-1", 0, .pass, by: "admin")
        try await Self.review(store, "S-1", 0, .pass, by: "dewi")
        #expect(try await Self.verdict(store, "S-1", 0).0 == .needsReview, "2023-normal, from the header: the admin counts for no institution")
        try await store.keepRunColumns()
        #expect(try await TestStore.sql("SELECT rulePack FROM run", at: location) == ["2023-normal"])
        await store.close()
    }

    @Test(arguments: TestStore.all) func runsAreAssignedByHandOrSharedOutEvenly(_ kind: TestStore) async throws {
        let runs = (1...4).map { Self.sweep("S-\($0)", rulePack: "2023-normal", courses: $0) }
        let (store, _) = try await Self.open(kind, runs: runs)
        await #expect { _ = try await store.assign("S-1", to: .institution("UGM"), by: "admin") } throws: {
            "\($0)".contains("UGM has no active monitor")
        }
        await #expect { _ = try await store.assign("S-1", to: .person("sari"), by: "admin") } throws: {
            "\($0)".contains("sari is not an active monitor")
        }
        await #expect { _ = try await store.assign("NOPE", to: .person("budi"), by: "admin") } throws: { "\($0)".contains("no run NOPE") }
        #expect(try await store.unassigned().map(\.waiting) == [8, 6, 4, 2])
        let made = try await store.balance(by: "admin")
        // Oldest first to the least loaded: S-1 (2) to IPB, S-2 (4) to UI, S-3 (6) to IPB, S-4 (8) to UI.
        #expect(
            made.map { "\($0.runID)>\($0.assignee)" } == ["S-1>institution IPB", "S-2>institution UI", "S-3>institution IPB", "S-4>institution UI"])
        #expect(try await store.unassigned().isEmpty)
        #expect(try await store.audit("S-3").map(\.action).contains("assigned"))
        await store.close()
    }

    /// A verdict on a sweep reads only its course's results and moves the sweep's summary and
    /// counts by what changed: they must be what recounting the whole sweep makes.
    @Test(arguments: TestStore.all) func aSweepMovedByReviewsIsWhatRecountingItMakes(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind, runs: [Self.sweep("S-1", rulePack: "2021", courses: 6)])
        _ = try await store.assign("S-1", to: .institution("IPB"), by: "admin")
        let verdicts: [(Int, Verdict, String)] = [
            (0, .fail, "budi"), (0, .fail, "wati"), (1, .pass, "budi"), (3, .fail, "budi"), (4, .notApplicable, "wati"), (5, .fail, "budi"),
            (6, .pass, "budi"), (6, .pass, "wati"), (7, .pass, "wati"), (9, .fail, "budi"), (9, .pass, "admin"), (11, .fail, "admin"),
        ]
        for (position, verdict, login) in verdicts { try await Self.review(store, "S-1", position, verdict, by: login) }
        let stored = try #require(try await store.run("S-1")).run
        var recounted = stored
        recounted.resummarize(with: Self.catalogues[.monitoring]!)
        let moved = try #require(stored.monitoring), whole = try #require(recounted.monitoring)
        #expect(moved.courses.map(\.status) == whole.courses.map(\.status))
        #expect(moved.courses.map(\.status).contains(.violation) && moved.courses.map(\.status).contains(.warning))
        #expect(
            moved.partners.map { [$0.compliant, $0.warning, $0.violation, $0.error] }
                == whole.partners.map { [$0.compliant, $0.warning, $0.violation, $0.error] })
        #expect(moved.partners.contains { $0.violation > 0 }, "the partners' counts moved: \(moved.partners)")
        var sql: [String: Int] = [:]
        for row in try await TestStore.sql("SELECT verdict || '=' || count(*) FROM result WHERE runID = 'S-1' GROUP BY verdict", at: location) {
            let parts = row!.split(separator: "=")
            sql[String(parts[0])] = Int(parts[1])
        }
        #expect(try await store.runEntry("S-1")?.counts == sql)
        #expect(try await store.runEntry("S-1")?.outcome == recounted.outcome)
        #expect(try await store.runEntry("S-1")?.exitCode == recounted.exitCode)
        // The courses are rows of their own; the header holds none of them.
        #expect(try await TestStore.sql("SELECT count(*) FROM sweep_course WHERE runID = 'S-1'", at: location) == ["6"])
        #expect(try await store.header("S-1")?.run.monitoring?.courses.map(\.status) == whole.courses.map(\.status))
        let found = location.hasPrefix("postgres://") ? "position('CRS-0'::bytea IN header)" : "instr(header, 'CRS-0')"
        #expect(try await TestStore.sql("SELECT \(found) FROM run WHERE id = 'S-1'", at: location) == ["0"], "the stored header names no course")
        await store.close()
    }

    /// A sweep recorded before its courses had rows of their own keeps them in its header: it is
    /// read as it was, and its first verdict moves every course to rows (none is lost).
    @Test(arguments: TestStore.all) func aSweepWithItsCoursesInItsHeaderIsReadAndMovedToRowsByItsFirstVerdict(_ kind: TestStore) async throws {
        let sweep = Self.sweep("S-1", rulePack: "2021", courses: 4)
        let (store, location) = try await Self.open(kind, runs: [sweep])
        var bare = sweep
        bare.suites = []
        let hex = try JSONEncoder().encode(bare).map { String(format: "%02x", $0) }.joined()
        let bytes = location.hasPrefix("postgres://") ? "decode('\(hex)', 'hex')" : "X'\(hex)'"
        _ = try await TestStore.sql("UPDATE run SET header = \(bytes) WHERE id = 'S-1'", at: location)
        _ = try await TestStore.sql("DELETE FROM sweep_course", at: location)
        #expect(try await store.header("S-1")?.run.monitoring?.courses.map(\.code) == ["CRS-0", "CRS-1", "CRS-2", "CRS-3"])

        _ = try await store.assign("S-1", to: .institution("IPB"), by: "admin")
        try await Self.review(store, "S-1", 3, .fail, by: "budi")
        #expect(try await TestStore.sql("SELECT count(*) FROM sweep_course WHERE runID = 'S-1'", at: location) == ["4"])
        let courses = try #require(try await store.header("S-1")?.run.monitoring?.courses)
        #expect(courses.map(\.code) == ["CRS-0", "CRS-1", "CRS-2", "CRS-3"])
        #expect(courses.map(\.status) == [.awaitingReview, .warning, .awaitingReview, .awaitingReview])
        #expect(try await store.runEntry("S-1")?.outcome == "1 warning, 3 awaiting-review")
        await store.close()
    }

    @Test(arguments: TestStore.all) func fiftyReviewersAtOnceAreEachRecordedExactlyOnce(_ kind: TestStore) async throws {
        let (store, location) = try await Self.open(kind, runs: [Self.sweep("S-1", rulePack: "2021", courses: 25)])
        _ = try await store.assign("S-1", to: .institution("IPB"), by: "admin")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for position in 0..<50 {
                group.addTask { try await Self.review(store, "S-1", position, .pass, by: position % 2 == 0 ? "budi" : "wati") }
            }
            try await group.waitForAll()
        }
        #expect(try await TestStore.sql("SELECT count(*) FROM review", at: location) == ["50"])
        #expect(try await store.audit("S-1").filter { $0.action == "review" }.count == 50)
        let entry = try #require(try await store.runEntry("S-1"))
        #expect(entry.counts == ["needsReview": 25, "pass": 25], "the critical half waits for a second reviewer: \(entry.counts)")
        await store.close()
    }
}
