import Foundation
import Hummingbird
import PrakerjaConformance
import PrakerjaHTTPServer
import PrakerjaReferencePartners
import PrakerjaTestSupport
import Testing

/// The notification check listens on a fixed address while the partner it judges sends there. It
/// once hung until the run's 120 s backstop: when its port was taken (the fleet had picked a port
/// the kernel then gave to another socket), the listener failed to start and the check waited for
/// a port that never came. These prove it answers within its own wait, however often and however
/// busy the machine, and that a taken port is the kit's error, said at once.
@Suite struct NotificationListenerTests {
    static let check = "payment.notification.signature-valid"

    /// One run of the check against a fresh reference payment partner, with a backstop far below
    /// the default 120 s so a hang shows as an `error` here rather than a stalled test.
    static func runCheck(listenOn port: Int? = nil) async throws -> CheckResult {
        try await ReferenceFleet.withRunning(only: ["reference-payment-partner"]) { endpoints in
            var config = try endpoints.config("reference-payment-partner", configs: Repository.root.appending(path: "Conformance/configs").path)
            config.checkTimeout = .seconds(30)
            if let port { config.notifications = NotificationListener(listen: "127.0.0.1:\(port)", path: "/prakerja/notifications") }
            let run = try await ConformanceRun.run(config, selection: Selection(only: [check]))
            return try #require(run.checks.first { $0.check.id == check })
        }
    }

    @Test func theCheckAnswersWithinItsOwnWaitEveryTimeUnderLoad() async throws {
        let outcomes = try await withThrowingTaskGroup(of: CheckResult.self) { group in
            var outcomes: [CheckResult] = []
            var started = 0
            for _ in 0..<6 {
                group.addTask { try await Self.runCheck() }
                started += 1
            }
            while let outcome = try await group.next() {
                outcomes.append(outcome)
                if started < 30 {
                    group.addTask { try await Self.runCheck() }
                    started += 1
                }
            }
            return outcomes
        }
        #expect(outcomes.count == 30)
        // A run that hung would end at the 30 s backstop as an `error`, not a `pass`.
        let notPassed = outcomes.filter { $0.verdict != .pass }.map { "\($0.verdict): \($0.message)" }
        #expect(notPassed.isEmpty, "runs that did not pass: \(notPassed)")
    }

    @Test func aTakenListenerPortIsTheKitsErrorNamingIt() async throws {
        let router = Router()
        router.get("/") { _, _ in "taken" }
        let port = try LoopbackPort.unassigned()
        let result = try await HTTPServerRunner.withRunning(router, port: port) { _ in try await Self.runCheck(listenOn: port) }
        // A hang would end at the backstop as a transient error saying the check did not finish.
        #expect(result.verdict == .error)
        #expect(result.fault == .kit)
        #expect(result.message.contains("127.0.0.1:\(port)"), "the message names the address: \(result.message)")
    }
}
