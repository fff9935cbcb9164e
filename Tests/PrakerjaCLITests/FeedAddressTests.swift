import Foundation
import Hummingbird
import PrakerjaCuration
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSandbox
import Testing

@testable import PrakerjaCLI

/// Feeds given as addresses: the sandbox's sample feeds read by the kit, and a served feed's
/// rows and failures named by its address.
@Suite struct FeedAddressTests {
    /// The sandbox serves the program's feeds about its own courses; fetched by address, the kit
    /// reads every row and finds the offline course (the troubled one) wanting.
    @Test func theSandboxsFeedsAreReadCleanAndTroubleItsOfflineCourse() async throws {
        try await Sandbox.withRunning { sandbox in
            let lp = SandboxConfiguration.defaultClients[0].code
            let courses = ["LMS-01", "WEB-01", "OFF-01", "HYB-01"].map { ("\(lp)-\($0)", lp) }
            let feeds = "\(sandbox.baseURL)/_sandbox/feeds"
            let options = try MonitoringOptions.parse([
                "--approved", "unused", "--provider", "unused.yaml", "--complaints", "\(feeds)/complaints.csv", "--survey", "\(feeds)/survey.csv",
                "--enrolments",
                "\(feeds)/enrolments.csv",
            ])
            let read = try #require(try await options.participantFeeds(courses: courses))
            #expect(!read.isDirty, "\(read.problems)")
            #expect(read.used[.enrolments] == 12, "three months of four courses")
            #expect(read.used[.survey] == 160)
            let today = CalendarDate(sandbox.clock.now())
            let judged = today.adding(days: -today.day)
            #expect(read.latestMonth == ParticipantFeeds.Month(year: judged.year, month: judged.month), "the last whole month before the clock")
            let month = try #require(read.latestMonth)
            let rate = { (code: String) in read.rate(of: code, in: month, [.training, .provider, .certificate]).perThousand ?? 0 }
            #expect(rate("\(lp)-OFF-01") > 4 * rate("\(lp)-WEB-01"), "\(rate("\(lp)-OFF-01")) against \(rate("\(lp)-WEB-01"))")
            let satisfaction = { (code: String) in read.courses[code]?.survey.satisfaction ?? 0 }
            #expect(satisfaction("\(lp)-OFF-01") < 3.2 && satisfaction("\(lp)-LMS-01") > 4, "\(read.courses.mapValues(\.survey.satisfaction))")
            let refused = await #expect(throws: CommandFailure.self) { try await FeedDownloads.fetch(["\(feeds)/appeals.csv"]) }
            #expect(refused?.message == "\(feeds)/appeals.csv: the feed cannot be fetched: the server answered 404")
        }
    }

    /// A served feed's dirty row is named by its address and line; an address that does not
    /// answer 200, or whose path names no format, is a usage error naming it.
    @Test func aServedFeedsRowsAndFailuresAreNamedByItsAddress() async throws {
        try await MonitorCommandTests.withApprovedCourses { approved, config, directory in
            let (codes, files) = try MonitorCommandTests.feeds(approved, in: directory)
            let handle = try FileHandle(forWritingTo: files.complaints)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("ADU-X,2021-05-02T10:00:00+07:00,fax,training,\(codes[0]),REFLP01,************0001\n".utf8))
            try handle.close()
            let router = Router()
            router.get("/feeds/{name}") { _, context -> Response in
                let file = directory.appending(path: "feeds/\(context.parameters.get("name") ?? "")").path
                guard let data = FileManager.default.contents(atPath: file) else { return Response(status: .notFound) }
                return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            }
            try await HTTPServerRunner.withRunning(router) { base in
                let arguments = [
                    "monitor", "--approved", approved.path, "--provider", config.path, "--root", MonitorCommandTests.root, "--report-dir",
                    directory.appending(path: "reports").path, "--format", "console", "--no-store", "--complaints", "\(base)/feeds/complaints.csv",
                    "--survey", "\(base)/feeds/survey.csv", "--enrolments", files.enrolments.path,
                ]
                let run = await CommandRun(arguments)
                #expect(run.exitCode == 4, "\(run.error)")
                #expect(run.output.components(separatedBy: "M-SP-01 — fail").count - 1 == 2, "\(run.output)")
                #expect(
                    run.error.contains("\(base)/feeds/complaints.csv:\(files.complaintRows + 2): malformed: channel must be one of"), "\(run.error)")
                let missing = await CommandRun(arguments + ["--survey", "\(base)/feeds/none.csv"])
                #expect(missing.exitCode == 2)
                #expect(missing.error.contains("\(base)/feeds/none.csv: the feed cannot be fetched: the server answered 404"), "\(missing.error)")
                let formatless = await CommandRun(arguments + ["--survey", "\(base)/feeds/survey"])
                #expect(formatless.exitCode == 2)
                #expect(formatless.error.contains("must end in .csv, .jsonl or .ndjson"), "\(formatless.error)")
            }
        }
    }
}
