import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaReferencePartners
import PrakerjaStore
import PrakerjaTestSupport
import Testing

/// `prakerja monitor`: a sweep from approved proposal files, and the usage errors.
@Suite struct MonitorCommandTests {
    static let root = Repository.root.path

    /// Five of the reference provider's courses written as approved proposals, the provider
    /// served, and its config: what `body` sweeps.
    static func withApprovedCourses(_ body: @Sendable (_ approved: URL, _ config: URL, _ directory: URL) async throws -> Void) async throws {
        let provider = ReferenceTrainingProvider(now: Date())
        let directory = FileManager.default.temporaryDirectory.appending(path: "monitor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let approved = directory.appending(path: "approved")
        try FileManager.default.createDirectory(at: approved, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        for detail in provider.store.catalogue.courses.prefix(5) {
            let proposal = CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
            try encoder.encode(proposal).write(to: approved.appending(path: "\(detail.course.code).json"))
        }
        try await HTTPServerRunner.withRunning(provider.router()) { url in
            let config = try AssessCommandTests.sampleConfig("reference-training-provider", at: url)
            defer { try? FileManager.default.removeItem(at: config) }
            try await body(approved, config, directory)
        }
    }

    /// The program's feeds about the approved courses (every third troubled, from the second),
    /// written into `directory`, and the courses' codes in file order.
    static func feeds(_ approved: URL, in directory: URL) throws -> (codes: [String], files: ReferenceFeeds.Files) {
        let codes = try FileManager.default.contentsOfDirectory(atPath: approved.path).sorted().map { String($0.dropLast(5)) }
        let files = try ReferenceFeeds(
            courses: codes.map { ($0, ReferenceCatalogue.providerCode) }, platformCode: "REFDP01", year: 2021, month: 5, troubledEvery: 3
        ).write(to: directory.appending(path: "feeds"))
        return (codes, files)
    }

    @Test func aSweepOfApprovedFilesAgainstTheProvider() async throws {
        try await Self.withApprovedCourses { approved, config, directory in
            let store = directory.appending(path: "history.sqlite").path
            let run = await CommandRun([
                "monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root,
                "--report-dir", directory.appending(path: "reports").path, "--format", "console,json", "--store", store,
            ])
            #expect(run.exitCode == 1, "monitors' indicators wait: \(run.error)\(run.output)")
            #expect(run.output.contains("5 courses awaiting-review"), "\(run.output)")
            // The approved price is changed: the provider's price no longer matches.
            let first = try #require(try FileManager.default.contentsOfDirectory(atPath: approved.path).sorted().first)
            var text = try String(contentsOf: approved.appending(path: first), encoding: .utf8)
            text = text.replacing(/"price":([0-9]+)/) { "\"price\":\(Int($0.1)! + 1000)" }
            try Data(text.utf8).write(to: approved.appending(path: first))
            // The same requests again within the second would be replays; the kit's signer waits
            // for the next second itself rather than send one.
            let drifted = await CommandRun([
                "monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root,
                "--report-dir", directory.appending(path: "reports").path, "--format", "console", "--store", store,
            ])
            #expect(drifted.exitCode == 1, "\(drifted.output)")
            #expect(drifted.output.contains("M-PR-02 — fail"), "\(drifted.output)")
            // The history shows the planted drift: the course's price check fails now, and its status changed.
            let ids = try await HistoryCommandTests.runIDs(store)
            let diff = await CommandRun(["runs", "diff", ids[1], ids[0], "--store", store])
            let code = first.replacingOccurrences(of: ".json", with: "")
            #expect(diff.exitCode == 1, "\(diff.output)\(diff.error)")
            #expect(diff.output.contains("monitoring.\(code.lowercased())/M-PR-02: pass -> fail"), "\(diff.output)")
            #expect(diff.output.contains("outcome: \(code): awaiting-review -> "), "\(diff.output)")
        }
    }

    @Test func aSweepStoppedMidwayIsResumedWithoutReadingFinishedCoursesAgain() async throws {
        try await Self.withApprovedCourses { approved, config, directory in
            let path = directory.appending(path: "history.sqlite").path
            let arguments = [
                "monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root,
                "--report-dir", directory.appending(path: "reports").path, "--format", "json", "--store", path,
            ]
            let full = await CommandRun(arguments)
            #expect(full.exitCode == 1, "\(full.error)")
            let store = try await ResultsStore.open(path)
            let finished = try #require(try await store.run(try await HistoryCommandTests.runIDs(path)[0])).run
            // What a killed sweep leaves: begun, two courses recorded, never finished.
            let header = MonitoringResult.header(
                source: approved.path, courses: 5, rulePack: finished.monitoring!.rulePack, startedAt: finished.startedAt)
            let journal = try await store.begin(header).journal
            // Marked, so the final run shows whether they were kept or judged again.
            let firstTwo = finished.placedResults.filter { placed in finished.suites[0].groups.prefix(2).contains { $0.id == placed.groupID } }.map {
                placed in
                var result = placed.result
                result.message = "recorded before the kill: " + result.message
                return PlacedResult(
                    position: placed.position, suiteID: placed.suiteID, suiteTitle: placed.suiteTitle, groupID: placed.groupID,
                    groupTitle: placed.groupTitle, result: result)
            }
            await journal.record(firstTwo)
            let resumed = await CommandRun(arguments + ["--resume"])
            #expect(resumed.exitCode == 1, "\(resumed.output)\(resumed.error)")
            #expect(resumed.output.contains("resuming sweep \(header.runID): 2 courses were recorded before"), "\(resumed.output)")
            let done = try #require(try await store.run(header.runID))
            #expect(done.status == .finished)
            #expect(done.run.checks.count == 5 * 40)
            #expect(Set(done.run.placedResults.map(\.key)).count == 200, "no result twice")
            #expect(done.run.monitoring?.courses.count == 5)
            #expect(done.run.monitoring?.courses.allSatisfy { $0.status == .awaitingReview } == true)
            let marked = done.run.checks.filter { $0.message.hasPrefix("recorded before the kill: ") }
            #expect(marked.count == 80, "the two recorded courses are kept, not judged again (\(marked.count) of their 80 results kept)")
        }
    }

    /// With the program's feeds, the troubled courses fail the participants' indicators; a feed
    /// row that cannot be used is named with its file and line and the exit code says the feed
    /// was dirty (4), outranking the courses' verdicts.
    @Test func theProgramsFeedsAreJudgedAndADirtyRowIsNamed() async throws {
        try await Self.withApprovedCourses { approved, config, directory in
            let (codes, files) = try Self.feeds(approved, in: directory)
            let arguments = [
                "monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root, "--report-dir",
                directory.appending(path: "reports").path, "--format", "console", "--no-store", "--complaints", files.complaints.path, "--survey",
                files.survey.path, "--enrolments", files.enrolments.path,
            ]
            let clean = await CommandRun(arguments)
            #expect(clean.exitCode == 1, "\(clean.error)")
            #expect(
                clean.output.contains("the program's feeds: \(files.complaintRows) complaints rows, \(files.answerRows) survey rows"),
                "\(clean.output)")
            #expect(clean.output.contains("judged on 2021-05"))
            #expect(clean.output.components(separatedBy: "M-SP-01 — fail").count - 1 == 2, "the two troubled courses of five")
            #expect(clean.output.components(separatedBy: "M-SP-02 — fail").count - 1 == 2)
            #expect(clean.output.contains("2 courses warning"), "\(clean.output)")

            let handle = try FileHandle(forWritingTo: files.complaints)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("ADU-X,2021-05-02T10:00:00+07:00,fax,training,\(codes[0]),REFLP01,************0001\n".utf8))
            try handle.close()
            let dirty = await CommandRun(arguments)
            #expect(dirty.exitCode == 4, "\(dirty.error)")
            #expect(dirty.error.contains("the feeds were dirty, rows set aside: 1 malformed"), "\(dirty.error)")
            #expect(
                dirty.error.contains("complaints.csv:\(files.complaintRows + 2): malformed: channel must be one of form, call, chat"),
                "\(dirty.error)")
            let unreadable = await CommandRun(arguments + ["--survey", directory.appending(path: "none.csv").path])
            #expect(unreadable.exitCode == 2)
            #expect(unreadable.error.contains("none.csv: cannot be opened"), "\(unreadable.error)")
        }
    }

    /// A sweep recorded in the history opens a sanction for each course it finds wanting; the
    /// next re-checks them; people respond, extend and close them with `prakerja sanctions`.
    @Test func sweepsOpenAndReCheckSanctionsAndPeopleDecideOnThem() async throws {
        try await Self.withApprovedCourses { approved, config, directory in
            let (codes, files) = try Self.feeds(approved, in: directory)
            let store = directory.appending(path: "history.sqlite").path
            let sweep = [
                "monitor", "--approved", approved.path, "--provider", config.path, "--root", Self.root, "--report-dir",
                directory.appending(path: "reports").path, "--format", "json", "--store", store, "--complaints", files.complaints.path,
                "--survey", files.survey.path, "--enrolments", files.enrolments.path,
            ]
            let first = await CommandRun(sweep)
            #expect(first.exitCode == 1, "\(first.error)")
            #expect(first.output.contains("sanctions: 2 opened"), "\(first.output)")
            let troubled = [codes[1], codes[4]]
            let second = await CommandRun(sweep)
            #expect(second.output.contains("sanctions: 2 rechecked"), "\(second.output)")
            let list = await CommandRun(["sanctions", "list", "--store", store, "--status", "open"])
            #expect(list.exitCode == 0)
            #expect(troubled.allSatisfy { list.output.contains($0) } && list.output.contains("warning"), "\(list.output)")
            let id = try #require(list.output.split(separator: "\n").first { $0.contains(troubled[0]) }?.split(separator: " ").first.map(String.init))

            let responded = await CommandRun([
                "sanctions", "decide", id, "--action", "respond", "--note", "Modul diperbaiki", "--by", "lp.ref", "--store", store,
            ])
            #expect(responded.exitCode == 0, "\(responded.error)")
            #expect(responded.output.contains("responded -> warning"), "\(responded.output)")
            let extended = await CommandRun([
                "sanctions", "decide", id, "--action", "extend", "--days", "5", "--note", "vendor LMS", "--by", "kurator", "--store", store,
            ])
            #expect(extended.output.contains("extended -> warning"), "\(extended.output)")
            let closed = await CommandRun([
                "sanctions", "decide", id, "--action", "close", "--note", "temuan keliru", "--by", "admin", "--store", store,
            ])
            #expect(closed.output.contains("closed, warning"), "\(closed.output)")
            let again = await CommandRun(["sanctions", "decide", id, "--action", "close", "--note", "lagi", "--by", "admin", "--store", store])
            #expect(again.exitCode == 2 && again.error.contains("is closed: only an open sanction"), "\(again.error)")
            let shown = await CommandRun(["sanctions", "show", id, "--store", store])
            #expect(["opened", "rechecked", "responded", "extended", "closed"].allSatisfy { shown.output.contains("\($0) -> ") }, "\(shown.output)")
            let unknown = await CommandRun(["sanctions", "show", "S-1999-0001", "--store", store])
            #expect(unknown.exitCode == 2)
            let bad = await CommandRun(["sanctions", "decide", id, "--action", "forgive", "--note", "x", "--by", "a", "--store", store])
            #expect(bad.exitCode == 2 && bad.error.contains("respond, extend, close or escalate"))
        }
    }

    @Test func usageErrors() async throws {
        let none = await CommandRun(["monitor", "--approved", "/tmp", "--root", Self.root])
        #expect(none.exitCode == 2)
        #expect(none.error.contains("--platform or --provider"))
        let empty = FileManager.default.temporaryDirectory.appending(path: "empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let config = "\(Self.root)/Conformance/configs/reference-training-provider.yaml"
        let nothing = await CommandRun(["monitor", "--approved", empty.path, "--provider", config, "--root", Self.root])
        #expect(nothing.exitCode == 2)
        #expect(nothing.error.contains("no approved proposal"))
        try Data(#"{"proposalID": 1}"#.utf8).write(to: empty.appending(path: "bad.json"))
        let invalid = await CommandRun(["monitor", "--approved", empty.path, "--provider", config, "--root", Self.root])
        #expect(invalid.exitCode == 2, "\(invalid.error)")
        #expect(invalid.error.contains("/proposalID"), "\(invalid.error)")
        let proposals = "\(Self.root)/Conformance/fixtures/proposals"
        let rates = await CommandRun(["monitor", "--approved", proposals, "--provider", config, "--complaints", "c.csv"])
        #expect(rates.exitCode == 2)
        #expect(rates.error.contains("--complaints needs --enrolments"), "\(rates.error)")
    }

    /// A course approved by two proposals would be recorded once, the other dropped without a
    /// word: the folder is refused, by `monitor` and by a sweep, naming the files.
    @Test func aCourseApprovedTwiceIsRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "twice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let proposal = "\(Self.root)/Conformance/fixtures/proposals/01-digital-marketing-self-paced.json"
        for name in ["a.json", "b.json"] { try FileManager.default.copyItem(atPath: proposal, toPath: folder.appending(path: name).path) }
        let config = "\(Self.root)/Conformance/configs/reference-training-provider.yaml"
        for command in [["monitor"], ["sweep", "monitoring", "--queue-only", "--no-store"]] {
            let run = await CommandRun(command + ["--approved", folder.path, "--provider", config, "--root", Self.root])
            #expect(run.exitCode == 2, "\(command): \(run.error)")
            #expect(run.error.contains("approved by 2 proposals (a.json, b.json)"), "\(command): \(run.error)")
        }
    }
}
