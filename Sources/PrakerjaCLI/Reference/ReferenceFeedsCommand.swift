import ArgumentParser
import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaReferencePartners

/// `prakerja reference feeds`: the program's own feeds about the reference provider's courses
/// (complaints, the evaluation survey's answers, enrolments), for `monitor` and `sweep
/// monitoring` (`--complaints`, `--survey`, `--enrolments`).
struct ReferenceFeedsCommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds",
        abstract: "Write the program's complaints, survey answers and enrolments about the reference provider's courses (CSV).",
        discussion: """
            Three months of enrolments and complaints (the newest, the last whole month before \
            --at, is the one monitoring judges; the earlier ones are each provider's history) and the newest month's survey \
            answers. Every --troubled-every'th course (from the fifth of each run) went wrong in the \
            newest month: ten times the complaints, a survey at about 2.4 of 5, while the platform's \
            stars stay high. Give the same --courses and --at as `reference proposals`.

            Example:
              prakerja reference feeds --courses 2000 --at 2026-12-03T08:00:00Z --output feeds/ --other-complaints 2000000
            """)

    @OptionGroup var catalogue: CatalogueOptions

    @Option(help: "The folder to write complaints.csv, survey.csv and enrolments.csv to (made if missing).")
    var output: String

    @Option(help: "Every how many courses one went wrong (0: none).")
    var troubledEvery = 17

    @Option(help: "Participants enrolled per course per month (varied by a fifth either way).")
    var participants = 400

    @Option(help: "Survey answers per course.")
    var answers = 40

    @Option(help: "Complaints about no course (payments, anything else) added to the newest month.")
    var otherComplaints = 0

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard troubledEvery >= 0, (1...1_000_000).contains(participants), (0...100_000).contains(answers), (0...100_000_000).contains(otherComplaints)
        else {
            throw .usage(
                "--troubled-every must be 0 or more, --participants 1 to 1,000,000, --answers 0 to 100,000, --other-complaints 0 to 100,000,000")
        }
        let generated = try catalogue.catalogue()
        // The newest month is the last whole month before --at.
        let day = CalendarDate(try catalogue.instant())
        let month = day.adding(days: -day.day)
        var feeds = ReferenceFeeds(
            courses: generated.courses.map { ($0.course.code, $0.course.providerCode) }, platformCode: ReferenceDigitalPlatformStore.platformCode,
            year: month.year, month: month.month, troubledEvery: troubledEvery)
        feeds.participants = participants
        feeds.answers = answers
        feeds.otherComplaints = otherComplaints
        let files: ReferenceFeeds.Files
        do { files = try feeds.write(to: URL(fileURLWithPath: output, isDirectory: true)) } catch {
            throw .usage("\(output): the feeds cannot be written: \(error)")
        }
        io.print(
            "\(files.complaintRows) complaints, \(files.answerRows) survey answers and \(files.enrolmentRows) enrolment rows about \(feeds.courses.count) courses written to \(output) "
                + "(\(feeds.troubled.count) troubled in \(month.year)-\(month.month < 10 ? "0" : "")\(month.month))")
        return ExitStatus.passed
    }
}
