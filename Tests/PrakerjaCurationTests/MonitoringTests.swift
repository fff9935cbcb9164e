import Foundation
import PrakerjaConformance
import PrakerjaCuration
import PrakerjaModels
import PrakerjaPartners
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// The 40 monitoring indicators over the reference provider's courses, as approved, against the
/// reference platform and provider: clean partners keep them compliant; a platform that changes
/// prices or titles, or a provider that drops its syllabus, is caught; a partner that is down
/// yields errors, not violations.
@Suite(.serialized) struct MonitoringTests {
    static let root = Repository.root.path

    /// Sweeps the provider's catalogue as approved, with the given defects.
    static func sweep(
        _ defects: ReferenceFleet.Defects = .init(), providerDown: Bool = false, participants: ParticipantFeeds? = nil
    ) async throws -> MonitoringResult {
        let now = Date()
        // The provider's catalogue as approved: generated as the fleet generates it (no request
        // of the test's own can collide with the sweep's signed requests).
        let approved = ReferenceCatalogue.generate(now: now).courses.prefix(12).map { detail in
            CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
        }
        return try await ReferenceFleet.withRunning(defects: defects, now: now, only: ["reference-digital-platform"]) { endpoints in
            let configs = Repository.root.appending(path: "Conformance/configs").path
            let platform = try endpoints.config("reference-digital-platform", configs: configs)
            var provider = try endpoints.config("reference-training-provider", configs: configs)
            let sources = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3)
            if providerDown {
                provider.baseURL = "http://127.0.0.1:9"
                let down = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3)
                return try await Monitoring.run(
                    try IndicatorCatalogue.standard(.monitoring, root: Self.root), approved: approved, sources: down,
                    rules: try RulePack.named("2023-normal", root: Self.root), reference: try ReferenceData.standard(root: Self.root))
            }
            return try await Monitoring.run(
                try IndicatorCatalogue.standard(.monitoring, root: Self.root), approved: approved, sources: sources,
                rules: try RulePack.named("2023-normal", root: Self.root), reference: try ReferenceData.standard(root: Self.root),
                participants: participants)
        }
    }

    /// The program's feeds about the first twelve reference courses, the sixth troubled in the
    /// newest month (`ReferenceFeeds`), read as a sweep reads them.
    static func feeds(troubledEvery: Int = 17) throws -> ParticipantFeeds {
        let courses = ReferenceCatalogue.generate(now: Date()).courses.prefix(12).map { ($0.course.code, $0.course.providerCode) }
        let folder = FileManager.default.temporaryDirectory.appending(path: "feeds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try ReferenceFeeds(
            courses: Array(courses), platformCode: ReferenceDigitalPlatformStore.platformCode, year: 2021, month: 5, troubledEvery: troubledEvery
        ).write(to: folder)
        return try ParticipantFeeds.read(
            complaints: [files.complaints.path], survey: [files.survey.path], enrolments: [files.enrolments.path],
            courses: Dictionary(uniqueKeysWithValues: courses), platforms: [ReferenceDigitalPlatformStore.platformCode: "Reference digital platform"])
    }

    /// A sweep worker keeps the partners it opened for its later items only when every platform's
    /// completion feed was read: a platform down at the first item must be asked again. A sample
    /// the sweep read when it was queued stands for the feed (the platform is not asked).
    @Test func sourcesSayWhetherEveryCompletionFeedWasRead() async throws {
        try await ReferenceFleet.withRunning(only: ["reference-digital-platform"]) { endpoints in
            let configs = Repository.root.appending(path: "Conformance/configs").path
            var platform = try endpoints.config("reference-digital-platform", configs: configs)
            let provider = try endpoints.config("reference-training-provider", configs: configs)
            let read = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3)
            #expect(read.readEveryFeed)
            let sample = try #require(read.samples[platform.name])
            #expect(sample.count > 0)
            #expect(try CompletionSample(decoding: try sample.encoded()) == sample, "kept in the history as it was read")
            platform.baseURL = "http://127.0.0.1:9"
            let down = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3)
            #expect(!down.readEveryFeed)
            #expect(down.unreadFeeds.map(\.platform) == [platform.name])
            #expect(down.samples.isEmpty)
            let kept = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3, samples: [platform.name: sample])
            #expect(kept.readEveryFeed, "the sweep's sample, not the platform, down")
            #expect(kept.samples == [platform.name: sample])
        }
    }

    /// A platform's feed is read whole, but a course keeps only the completions whose
    /// certificates are verified: the first in the feed's order.
    @Test func aCompletionSampleKeepsTheFirstCompletionsOfEachCourse() async throws {
        try await ReferenceFleet.withRunning(only: ["reference-digital-platform"]) { endpoints in
            let configs = Repository.root.appending(path: "Conformance/configs").path
            let platform = try endpoints.config("reference-digital-platform", configs: configs)
            let client = DigitalPlatformClient(http: try .forPartner(platform))
            var feed: [Completion] = []
            for try await page in client.completionPages() { feed += page.items }
            let sample = try #require(await CompletionSample.read(from: client, keeping: 1).value)
            let courses = Set(feed.map(\.courseCode))
            #expect(Set(sample.byCourse.keys) == courses)
            #expect(sample.count == courses.count, "one of each course")
            for code in courses { #expect(sample.completions(of: code) == [feed.first { $0.courseCode == code }!]) }
            #expect(feed.count > courses.count, "some course completed more than once, so the sample left some out")
        }
    }

    static func failing(_ result: MonitoringResult) -> Set<String> {
        Set(result.courses.flatMap { $0.results.filter { $0.effective == .fail }.map(\.indicator.id) })
    }

    @Test func everyMonitoringIndicatorHasAnImplementation() throws {
        try Monitoring.check(try IndicatorCatalogue.standard(.monitoring, root: Self.root), try RulePack.named("2023-normal", root: Self.root))
    }

    @Test func cleanPartnersKeepApprovedCoursesCompliant() async throws {
        let result = try await Self.sweep()
        #expect(result.courses.count == 12)
        let why = result.courses.flatMap {
            $0.results.filter { $0.effective == .fail || $0.verdict == .error }.map { "\($0.indicator.id): \($0.message)" }
        }
        // Nothing fails; the monitors' own major indicators still wait, so no course is compliant yet.
        #expect(result.courses.allSatisfy { $0.status == .awaitingReview }, "\(why)")
        // Every partner read has its line in the summary, compliant for every course, though nothing was found about it.
        #expect(result.partners.map(\.name) == ["Reference digital platform", "Reference training provider"], "\(result.partners)")
        #expect(result.partners.allSatisfy { $0.compliant == 12 })
        // Certificates were sampled from the completion feed and verified.
        #expect(result.courses.contains { $0.results.contains { $0.indicator.id == "M-CE-02" && $0.verdict == .pass } })
        var run = result.runResult(source: "test", startedAt: Date())
        #expect(run.exitCode == 1, "not compliant while people have major indicators to decide")
        #expect(run.monitoring?.courses.count == 12)

        // Recomputed from its results, the sweep says what it said; after two reviewers fail an
        // indicator that waited for people, its course is no longer compliant.
        let catalogue = try IndicatorCatalogue.standard(.monitoring, root: Self.root)
        var same = run
        same.resummarize(with: catalogue)
        #expect(same.monitoring?.courses.map(\.status) == run.monitoring?.courses.map(\.status))
        #expect(same.monitoring?.partners.map(\.name) == run.monitoring?.partners.map(\.name))
        let group = run.suites[0].groups[0]
        let waiting = try #require(group.checks.first { $0.verdict == .needsReview })
        let indicator = try #require(catalogue.indicator(waiting.check.id))
        let reviews = ["kurator.a", "kurator.b"].map { Review(reviewer: $0, verdict: .fail, note: "seen on the live page", reviewedAt: Date()) }
        let position = try #require(run.positions[PlacedResult.key(group: group.id, check: waiting.check.id)])
        run.settle(at: position, reviews: reviews, needsSecondReviewer: indicator.severity == .critical)
        run.resummarize(with: catalogue)
        let status = try #require(run.monitoring?.courses.first?.status)
        #expect(status == (indicator.severity == .critical ? .violation : .warning), "\(indicator.id) \(indicator.severity)")
        #expect(run.suites[0].groups[0].title.hasSuffix(": \(status.rawValue)"))
        #expect(run.exitCode == 1)
    }

    @Test func aPlatformThatChangesPricesAndTitlesIsCaught() async throws {
        let price = try await Self.sweep(.init(digitalPlatform: [.priceDiffers]))
        #expect(Self.failing(price).contains("M-PR-01"))
        #expect(price.courses.contains { $0.status == .violation })
        #expect(price.partners.contains { $0.name == "Reference digital platform" && $0.violation > 0 }, "\(price.partners)")
        // The failure shows the exchange it rests on: the platform's listing, as it answered.
        let failed = try #require(price.courses.lazy.flatMap(\.results).first { $0.indicator.id == "M-PR-01" && $0.effective == .fail })
        let listing = try #require(failed.exchanges.first, "a failed monitoring indicator carries the exchanges behind it")
        #expect(failed.exchanges.allSatisfy { $0.url.contains("/v1/listings/") }, "\(failed.exchanges.map(\.url))")
        #expect(listing.status == 200 && listing.responseBody.contains("price"))
        let course = try #require(price.courses.first { $0.results.contains { $0.indicator.id == "M-PR-01" && $0.effective == .fail } })
        let passes = course.results.filter { $0.verdict == .pass }
        #expect(passes.allSatisfy { $0.exchanges.isEmpty }, "a pass carries no exchanges")
        let run = price.runResult(source: "test", startedAt: Date())
        let group = run.suites[0].groups.first { $0.title.hasPrefix(course.approved.course.course.code + " ") }
        let recorded = group?.checks.first { $0.check.id == "M-PR-01" }
        #expect(recorded?.evidence.exchanges.isEmpty == false, "the run's result keeps them")
        let title = try await Self.sweep(.init(digitalPlatform: [.titleDiffers]))
        #expect(Self.failing(title) == ["M-TI-01"], "\(Self.failing(title))")
    }

    /// What participants say decides three indicators: the troubled course (ten times the
    /// complaints, a survey at about 2.4 while the platform shows over 4 stars) fails each, the
    /// healthy ones pass; without the feeds the complaint and survey indicators are not applicable.
    @Test func complaintsAndTheSurveyFindTheTroubledCourse() async throws {
        let participants = try Self.feeds()
        #expect(!participants.isDirty, "\(participants.problems)")
        let result = try await Self.sweep(participants: participants)
        let troubled = result.courses[5]
        let failed = Set(troubled.results.filter { $0.effective == .fail }.map(\.indicator.id))
        #expect(failed == ["M-SP-01", "M-SP-02", "M-SP-03"], "\(troubled.results.filter { $0.effective == .fail }.map(\.message))")
        #expect(troubled.status == .warning)
        let complaints = try #require(troubled.results.first { $0.indicator.id == "M-SP-01" })
        #expect(complaints.findings.contains { $0.location == "Reference training provider" && $0.message.contains("training complaints") })
        #expect(complaints.findings.contains { $0.message.contains("in the months before") }, "above its provider's own history")
        #expect(complaints.findings.contains { $0.location == "Reference digital platform" }, "platform complaints count against the platform")
        let ratings = try #require(troubled.results.first { $0.indicator.id == "M-SP-03" })
        #expect(ratings.findings.first?.location == "Reference digital platform")
        for (index, course) in result.courses.enumerated() where index != 5 {
            let verdicts = course.results.filter { $0.indicator.aspect == "participants" }.map(\.verdict)
            #expect(
                verdicts == [.pass, .pass, .pass],
                "\(course.approved.course.course.code): \(course.results.filter { $0.indicator.aspect == "participants" }.map(\.message))")
        }
        #expect(result.partners.first { $0.name == "Reference training provider" }?.warning == 1)

        let without = try await Self.sweep()
        let verdicts = without.courses[5].results.filter { $0.indicator.aspect == "participants" }.map(\.verdict)
        #expect(verdicts == [.notApplicable, .notApplicable, .pass], "the listing's stars alone are still judged")
    }

    @Test func aProviderThatDropsItsSyllabusIsAViolation() async throws {
        let result = try await Self.sweep(.init(trainingProvider: [.missingSyllabus]))
        #expect(Self.failing(result).isSuperset(of: ["M-DL-01", "M-DL-02", "M-IF-03"]), "\(Self.failing(result))")
        #expect(result.courses.allSatisfy { $0.status == .violation })
    }

    /// The demo's order: a platform's suite, then at once a sweep reading the same listings. Every
    /// signer of the process shares what it sent to a partner, so no read of the sweep repeats a
    /// request of the suite (the platform would refuse it as a replay, and the courses be errors).
    @Test func aSweepRightAfterTheSuiteIsNotRefusedAsReplays() async throws {
        let now = Date()
        let approved = ReferenceCatalogue.generate(now: now).courses.prefix(12).map { detail in
            CourseProposal(course: detail, provider: .init(code: detail.course.providerCode, name: "Reference training provider"))
        }
        let result = try await ReferenceFleet.withRunning(now: now, only: ["reference-digital-platform"]) { endpoints in
            let configs = Repository.root.appending(path: "Conformance/configs").path
            let platform = try endpoints.config("reference-digital-platform", configs: configs)
            let provider = try endpoints.config("reference-training-provider", configs: configs)
            let suite = try await ConformanceRun.run(platform, selection: Selection(skip: ["digital-platform.latency"]))
            #expect(suite.exitCode == 0)
            let sources = try await MonitoringSources.open(platforms: [platform], providers: [provider], sampleSize: 3)
            return try await Monitoring.run(
                try IndicatorCatalogue.standard(.monitoring, root: Self.root), approved: approved, sources: sources,
                rules: try RulePack.named("2023-normal", root: Self.root), reference: try ReferenceData.standard(root: Self.root))
        }
        let errors = result.courses.flatMap { $0.results.filter { $0.verdict == .error }.map { "\($0.indicator.id): \($0.message)" } }
        #expect(errors.isEmpty, "\(errors.prefix(3))")
    }

    @Test func aProviderThatIsDownYieldsErrorsNotViolations() async throws {
        let result = try await Self.sweep(providerDown: true)
        #expect(result.courses.allSatisfy { $0.status == .error }, "\(result.courses.map(\.status))")
        #expect(!Self.failing(result).contains("M-TI-02"))
        // An indicator that could not be judged shows the attempts that failed.
        let error = try #require(result.courses.first?.results.first { $0.verdict == .error })
        #expect(error.exchanges.contains { $0.url.hasPrefix("http://127.0.0.1:9/") && $0.status == nil && $0.error != nil }, "\(error.exchanges)")
        let run = result.runResult(source: "test", startedAt: Date())
        #expect(run.exitCode == 3)
    }
}
