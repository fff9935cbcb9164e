import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PrakerjaClient
import PrakerjaHTTPServer
import PrakerjaModels
import PrakerjaSigning

/// `/_sandbox/`: what a test needs and a real program never exposes: the call log, the OTP that
/// went to the participant's phone, the business clock, the codes issued to an LP, and the
/// program's own feeds about the sandbox's courses.
enum TestHooks {
    static func mount(on router: Router<SandboxContext>, state: SandboxState, log: CallLog, clock: SandboxClock) {
        router.get("/_sandbox/log") { request, _ in
            let query = request.uri.queryParameters
            let after = query.get("after").flatMap(Int.init) ?? 0
            return json(.ok, log.entries(after: after, clientCode: query.get("client_code")))
        }
        router.get("/_sandbox/otp") { request, _ in
            let token = request.uri.queryParameters.get("payment_token") ?? ""
            guard let otp = state.read({ $0.otp(forPaymentToken: token) }) else {
                return json(.notFound, ErrorEnvelope(code: "ERRPLT40009", message: "unknown payment_token"))
            }
            return json(.ok, ["payment_token": token, "otp": otp])
        }
        router.get("/_sandbox/clock") { _, _ in clockResponse(clock) }
        router.post("/_sandbox/clock") { request, _ in
            struct Change: Decodable {
                let now: String?
                let advanceSeconds: Double?
                enum CodingKeys: String, CodingKey { case now, advanceSeconds = "advance_seconds" }
            }
            var request = request
            let body = (try? await request.collectBody(upTo: 4096)).map { Data(buffer: $0) } ?? Data()
            guard let change = try? JSONDecoder().decode(Change.self, from: body), (change.now == nil) != (change.advanceSeconds == nil) else {
                return json(
                    .badRequest,
                    ErrorEnvelope(
                        code: "ERRREQ40002", message: "send exactly one of now (ISO-8601 with offset) or advance_seconds"))
            }
            if let seconds = change.advanceSeconds {
                clock.advance(by: seconds)
            } else if let text = change.now {
                guard let date = try? SNAPTimestamp.parse(text, header: "now") else {
                    return json(
                        .badRequest,
                        ErrorEnvelope(
                            code: "ERRREQ40002", message: "now must be ISO-8601 with an offset, like 2021-11-02T09:00:00+07:00"))
                }
                clock.set(date)
            }
            return clockResponse(clock)
        }
        router.get("/_sandbox/feeds/{feed}") { _, context in
            let feeds = state.read { $0.sampleFeeds() }.texts()
            let text: String
            switch context.parameters.get("feed") {
            case "complaints.csv": text = feeds.complaints
            case "survey.csv": text = feeds.survey
            case "enrolments.csv": text = feeds.enrolments
            default:
                return json(.notFound, ErrorEnvelope(code: "ERRREQ40401", message: "the feeds are complaints.csv, survey.csv and enrolments.csv"))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/_sandbox/redeem-codes") { request, _ in
            let provider = request.uri.queryParameters.get("client_code") ?? ""
            return json(.ok, state.read { $0.issuedCodes(provider: provider) })
        }
    }

    private static func clockResponse(_ clock: SandboxClock) -> Response {
        json(.ok, ["now": SNAPTimestamp.format(clock.now())])
    }

    private static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        JSONResponse.make(status, (try? StreamingJSONEncoder().encode(value)) ?? SandboxFailure.internalError.encodedBody)
    }
}

/// A redeem code as the test hook lists it.
public struct IssuedRedeemCode: Codable, Sendable, Hashable {
    public let redeemCode: String
    public let courseCode: String
    public let scheduleCode: String
    public let invoiceCode: String
    public let status: String

    enum CodingKeys: String, CodingKey {
        case redeemCode = "redeem_code", courseCode = "course_code", scheduleCode = "schedule_code", invoiceCode = "invoice_code", status
    }
}

extension SandboxStore {
    /// The production-like codes issued to `provider` (test codes are listed by the spec, not here).
    mutating func issuedCodes(provider: String) -> [IssuedRedeemCode] {
        redeemCodes.values.filter { $0.providerCode == provider && !$0.isTestCode }.sorted { $0.code < $1.code }.map {
            IssuedRedeemCode(
                redeemCode: $0.code, courseCode: $0.courseCode, scheduleCode: $0.scheduleCode,
                invoiceCode: $0.invoiceCode, status: $0.state.rawValue)
        }
    }
}

extension SandboxStore {
    /// The program's feeds about every LP's courses (`Specs/feeds/`), the newest month being the
    /// last whole month before the business clock: enrolments and complaints for three months, the
    /// survey's answers for the newest. Each LP's offline course (`-OFF-01`) went wrong in the
    /// newest month (ten times the complaints, a survey at about 2.4 of 5); the rest are healthy.
    func sampleFeeds() -> ReferenceFeeds {
        let today = CalendarDate(now)
        let month = today.adding(days: -today.day)
        let courses = courses.values.sorted { $0.code < $1.code }
        var feeds = ReferenceFeeds(
            courses: courses.map { ($0.code, $0.providerCode) }, platformCode: defaultPlatform, year: month.year, month: month.month,
            troubledEvery: 0)
        feeds.troubled = Set(courses.indices.filter { courses[$0].code.hasSuffix("-OFF-01") })
        return feeds
    }
}
