import Foundation
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// `prakerja assess`: decisions and exit codes over the fixture proposals, an invalid proposal
/// refused with every violation and nothing written, a course read from a provider's endpoint,
/// and live labour-market demand from a job portal.
@Suite struct AssessCommandTests {
    static let root = Repository.root.path
    static func fixture(_ name: String) -> String { "\(root)/Conformance/fixtures/proposals/\(name)" }

    static func withReports(_ body: (String) async throws -> Void) async rethrows {
        let reports = FileManager.default.temporaryDirectory.appending(path: "assess-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: reports) }
        try await body(reports)
    }

    /// A copy of the sample config `name`, in a temporary file, pointed at `url` (its secrets and
    /// contract paths made absolute, as they were relative to Conformance/configs/).
    static func sampleConfig(_ name: String, at url: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appending(path: "\(name)-\(UUID().uuidString).yaml")
        let yaml = try String(contentsOfFile: "\(root)/Conformance/configs/\(name).yaml", encoding: .utf8)
            .replacing(/baseURL: .*/, with: "baseURL: \(url)")
            .replacingOccurrences(of: "{ file: secrets/", with: "{ file: \(root)/Conformance/configs/secrets/")
            .replacingOccurrences(of: "contract: ../../Specs/", with: "contract: \(root)/Specs/")
        try Data(yaml.utf8).write(to: file)
        return file
    }

    @Test func aProposalAwaitingReviewAndARejectedOneExitOne() async {
        await Self.withReports { reports in
            let approved = await CommandRun([
                "assess", Self.fixture("01-digital-marketing-self-paced.json"), Self.fixture("02-barista-offline.json"),
                "--root", Self.root, "--report-dir", reports, "--store", "\(reports)/history.sqlite",
            ])
            // Not approved yet: critical and major indicators wait for a person, and the machine says
            // what it proposes and what waits.
            #expect(approved.exitCode == 1, "\(approved.error)")
            #expect(
                approved.output.contains("PRP-REFLP01-2026-0001: awaiting-review (the machine proposes approve; waiting for a person: "),
                "\(approved.output)")
            #expect(approved.output.contains("A-LM-07"), "a manual critical indicator waits")
            #expect(approved.output.contains("Decision: Awaiting review (the machine's proposals, once confirmed, make it approve)"))
            for file in ["report.json", "junit.xml", "report.html"] {
                #expect(FileManager.default.fileExists(atPath: "\(reports)/prp-reflp01-2026-0001-pemasaran-digital-untuk-umkm/\(file)"), "\(file)")
            }
            let rejected = await CommandRun([
                "assess", Self.fixture("05-price-above-elsewhere.json"), "--root", Self.root, "--report-dir", reports, "--store",
                "\(reports)/history.sqlite",
            ])
            #expect(rejected.exitCode == 1)
            #expect(rejected.output.contains("reject"), "\(rejected.output)")
            #expect(rejected.output.contains("A-PR-02 — fail"), "\(rejected.output)")
        }
    }

    @Test func theRulePackDecides() async throws {
        try await Self.withReports { reports in
            let fixture = Self.fixture("12-scheme-2021-six-hours.json")
            let under2021 = await CommandRun([
                "assess", fixture, "--rule-pack", "2021", "--root", Self.root, "--report-dir", reports, "--format", "json",
                "--store", "\(reports)/history.sqlite",
            ])
            #expect(under2021.output.contains("awaiting-review (the machine proposes approve;"), "\(under2021.output)")
            let under2023 = await CommandRun([
                "assess", fixture, "--root", Self.root, "--report-dir", reports, "--format", "json", "--store", "\(reports)/history.sqlite",
            ])
            #expect(under2023.output.contains("reject"), "six hours are too short for 2023: \(under2023.output)")
            let report = try String(contentsOfFile: "\(reports)/prp-reflp01-2021-0012-pemasaran-digital-untuk-umkm/report.json", encoding: .utf8)
            #expect(report.contains("\"rulePack\" : \"2023-normal\""), "the run records the rule pack it used")
        }
    }

    @Test func anInvalidProposalIsRefusedWithEveryViolationAndNothingIsWritten() async throws {
        try await Self.withReports { reports in
            let bad = FileManager.default.temporaryDirectory.appending(path: "bad-proposal-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: bad) }
            try Data(#"{"proposalID": "x", "platforms": [1], "course": {}}"#.utf8).write(to: bad)
            let run = await CommandRun([
                "assess", Self.fixture("01-digital-marketing-self-paced.json"), bad.path, "--root", Self.root, "--report-dir", reports,
            ])
            #expect(run.exitCode == 2)
            for expected in ["/proposalID", "/platforms/0", "submittedOn", "provider", "design"] {
                #expect(run.error.contains(expected), "\(expected): \(run.error)")
            }
            #expect(!FileManager.default.fileExists(atPath: reports), "nothing is assessed or written when a proposal is invalid")
        }
    }

    @Test func usageErrors() async {
        let none = await CommandRun(["assess", "--root", Self.root])
        #expect(none.exitCode == 2)
        #expect(none.error.contains("give proposal files"))
        let pack = await CommandRun(["assess", Self.fixture("01-digital-marketing-self-paced.json"), "--rule-pack", "2019", "--root", Self.root])
        #expect(pack.exitCode == 2)
        #expect(pack.error.contains("no rule pack 2019"))
        let both = await CommandRun(["assess", Self.fixture("01-digital-marketing-self-paced.json"), "--provider", "p.json", "--root", Self.root])
        #expect(both.exitCode == 2)
        #expect(both.error.contains("one of them"), "\(both.error)")
        let half = await CommandRun(["assess", "--from-provider", "x.yaml", "--root", Self.root])
        #expect(half.exitCode == 2)
        #expect(half.error.contains("go together"))
    }

    @Test func aCourseReadFromTheProvidersEndpointLeavesWhatItDoesNotPublishToReview() async throws {
        let provider = ReferenceTrainingProvider()
        let code = try #require(provider.store.catalogue.courses.first?.course.code)
        try await HTTPServerRunner.withRunning(provider.router()) { url in
            try await Self.withReports { reports in
                let config = try Self.sampleConfig("reference-training-provider", at: url)
                defer { try? FileManager.default.removeItem(at: config) }
                let run = await CommandRun([
                    "assess", "--from-provider", config.path, "--course", code, "--root", Self.root, "--report-dir", reports,
                    "--format", "console",
                ])
                #expect(run.exitCode == 0 || run.exitCode == 1, "\(run.error)")
                #expect(run.output.contains("ENDPOINT-\(code)"), "\(run.output)")
                #expect(run.output.contains("waiting for review"))
                let unreachable = await CommandRun([
                    "assess", "--from-provider", config.path, "--course", "NO-SUCH-COURSE", "--root", Self.root,
                    "--report-dir", reports,
                ])
                #expect(unreachable.exitCode == 3, "\(unreachable.error)")
                #expect(unreachable.error.contains("NO-SUCH-COURSE"), "\(unreachable.error)")
            }
        }
    }

    @Test func liveVacanciesAreTheEvidenceOfDemand() async throws {
        try await HTTPServerRunner.withRunning(ReferenceJobPortal(vacancyCount: 2_000).router()) { url in
            try await Self.withReports { reports in
                let config = try Self.sampleConfig("reference-job-portal", at: url)
                defer { try? FileManager.default.removeItem(at: config) }
                let run = await CommandRun([
                    "assess", Self.fixture("02-barista-offline.json"), "--job-portal", config.path, "--root", Self.root,
                    "--report-dir", reports, "--format", "json", "--store", "\(reports)/history.sqlite",
                ])
                #expect(run.exitCode == 1, "awaiting review: \(run.error)")
                let report = try String(contentsOfFile: "\(reports)/prp-reflp01-2026-0002-menjadi-barista-profesional/report.json", encoding: .utf8)
                #expect(report.contains("open vacancies for \\\"Barista\\\""), "the searches are the evidence")
                #expect(report.contains("the machine proposes pass"), "a barista course meets demand on a portal with barista vacancies")
            }
        }
    }

    @Test func aProviderIsAssessedOnItsOwnAndAReviewersVerdictCarriesThroughTheHistory() async throws {
        try await Self.withReports { reports in
            let store = "\(reports)/history.sqlite"
            let alone = await CommandRun([
                "assess", "--provider", "\(Self.root)/Conformance/fixtures/providers/reflp01.json", "--root", Self.root, "--report-dir", reports,
                "--store", store, "--format", "json",
            ])
            // Only the provider-level indicators; data protection waits for a person, so not approved yet.
            #expect(alone.exitCode == 1, "\(alone.error)")
            #expect(
                alone.output.contains("REFLP01 (provider): awaiting-review (the machine proposes approve; waiting for a person: A-CO-08)"),
                "\(alone.output)")
            let report = try String(contentsOfFile: "\(reports)/reflp01-lembaga-pelatihan-referensi-nusantara/report.json", encoding: .utf8)
            for id in ["A-CO-01", "A-CO-03", "A-CO-08", "A-CO-09"] { #expect(report.contains("\"\(id)\""), "\(id)") }
            #expect(!report.contains("\"A-CO-02\""), "a course-level indicator is not judged for a provider alone")

            // A curator decides data protection once, on the provider's own run.
            let reviewed = try #require(try await HistoryCommandTests.runIDs(store).first)
            let export = await CommandRun(["review", "export", "--run", reviewed, "--out", reports, "--root", Self.root, "--store", store])
            #expect(export.exitCode == 0, "\(export.error)")
            let csv = "\(reports)/review-\(reviewed).csv"
            var table = try CSV.read(String(contentsOfFile: csv, encoding: .utf8))
            let column = Dictionary(uniqueKeysWithValues: table[0].enumerated().map { ($0.element, $0.offset) })
            #expect(table.count == 2 && table[1][column["indicator"]!] == "A-CO-08", "only data protection waits: \(table)")
            table[1][column["verdict"]!] = "pass"
            table[1][column["reviewer"]!] = "kurator.ui"
            table[1][column["note"]!] = "privacy terms seen"
            try Data(CSV.write(table).utf8).write(to: URL(fileURLWithPath: csv))
            let imported = await CommandRun(["review", "import", csv, "--root", Self.root, "--store", store])
            #expect(imported.exitCode == 0, "\(imported.error)")

            // Assessed again with the same details, the provider keeps the verdict, and so does
            // every later proposal of it, whether or not the newest provider run carries reviews.
            let again = await CommandRun([
                "assess", "--provider", "\(Self.root)/Conformance/fixtures/providers/reflp01.json", "--root", Self.root, "--report-dir", reports,
                "--store", store,
            ])
            #expect(again.output.contains("REFLP01 (provider): approve"), "\(again.output)\(again.error)")
            let two = await CommandRun([
                "assess", Self.fixture("01-digital-marketing-self-paced.json"), Self.fixture("02-barista-offline.json"), "--root", Self.root,
                "--report-dir", reports, "--store", store, "--format", "json",
            ])
            #expect(two.exitCode == 1, "\(two.error)")
            for folder in ["prp-reflp01-2026-0001-pemasaran-digital-untuk-umkm", "prp-reflp01-2026-0002-menjadi-barista-profesional"] {
                let text = try String(contentsOfFile: "\(reports)/\(folder)/report.json", encoding: .utf8)
                #expect(text.contains("decided by kurator.ui on the provider's assessment \(reviewed): privacy terms seen"), "\(folder)")
            }
            #expect(!two.output.contains("A-CO-08"), "data protection no longer waits on either proposal: \(two.output)")

            // A changed contact sends it back to a person.
            let changed = FileManager.default.temporaryDirectory.appending(path: "provider-\(UUID().uuidString).json")
            let original = try String(contentsOfFile: "\(Self.root)/Conformance/fixtures/providers/reflp01.json", encoding: .utf8)
            try Data(original.replacingOccurrences(of: "privasi@reflp01.example.id", with: "dpo@reflp01.example.id").utf8).write(to: changed)
            defer { try? FileManager.default.removeItem(at: changed) }
            let moved = await CommandRun(["assess", "--provider", changed.path, "--root", Self.root, "--report-dir", reports, "--store", store])
            #expect(moved.output.contains("waiting for a person: A-CO-08"), "\(moved.output)")

            let invalid = FileManager.default.temporaryDirectory.appending(path: "provider-\(UUID().uuidString).json")
            try Data(#"{"code": "x", "name": ""}"#.utf8).write(to: invalid)
            defer { try? FileManager.default.removeItem(at: invalid) }
            let refused = await CommandRun(["assess", "--provider", invalid.path, "--root", Self.root, "--report-dir", reports, "--store", store])
            #expect(refused.exitCode == 2)
            #expect(refused.error.contains("is not a valid provider"), "\(refused.error)")
            #expect(refused.error.contains("/code"), "the violation names where: \(refused.error)")
        }
    }
}
