import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners

/// Runs suites against one partner: the selected checks, at most `config.concurrency` at a time,
/// each within `config.checkTimeout`, each with its own evidence. Results keep suite order
/// whatever order the checks finish in.
public struct ConformanceRunner: Sendable {
    /// What the runner tells an observer (the console's progress line).
    public enum Event: Sendable {
        case started(total: Int)
        case finished(CheckResult, done: Int, total: Int)
    }

    public let context: CheckContext
    public let observer: (@Sendable (Event) -> Void)?

    public init(context: CheckContext, observer: (@Sendable (Event) -> Void)? = nil) {
        self.context = context
        self.observer = observer
    }

    /// Runs `suites` with `selection`, returning one result per check (the unselected as `skipped`).
    /// With a `journal`, checks it already holds are not run again, and every new result is
    /// recorded as soon as it is known.
    public func run(_ suites: [Suite], selection: Selection = Selection(), journal: RunJournal? = nil) async -> [SuiteResult] {
        let places = suites.flatMap { suite in suite.groups.flatMap { group in group.checks.map { (suite, group, $0) } } }
        func placed(_ index: Int, _ result: CheckResult) -> PlacedResult {
            let (suite, group, _) = places[index]
            return PlacedResult(
                position: index, suiteID: suite.id, suiteTitle: suite.title, groupID: group.id, groupTitle: group.title, result: result)
        }
        var results = [CheckResult?](repeating: nil, count: places.count)
        var skipped: [PlacedResult] = []
        for (index, (_, group, check)) in places.enumerated() {
            if let done = journal?.completed[PlacedResult.key(group: group.id, check: check.definition.id)] {
                results[index] = done
            } else if let reason = selection.exclusion(of: check.definition) {
                let result = CheckResult(
                    check: check.definition, verdict: .skipped, fault: nil, message: reason, evidence: Evidence(),
                    startedAt: Date(), milliseconds: 0)
                results[index] = result
                skipped.append(placed(index, result))
            }
        }
        if !skipped.isEmpty { await journal?.record(skipped) }
        let selected = places.indices.filter { results[$0] == nil }
        observer?(.started(total: selected.count))
        let limit = max(1, context.config.concurrency)
        var done = 0
        // The checks that judge the whole run start once every other one has finished; the
        // others' answers are kept for them only when one is selected.
        let keepsAnswers = selected.contains { places[$0].2.judgesTheRun }
        for phase in [false, true] {
            await withTaskGroup(of: (Int, CheckResult).self) { group in
                var pending = selected.filter { places[$0].2.judgesTheRun == phase }[...]
                func startNext() {
                    guard let next = pending.popFirst() else { return }
                    let check = places[next].2
                    group.addTask { (next, await self.execute(check, keepingAnswers: keepsAnswers)) }
                }
                for _ in 0..<limit { startNext() }
                for await (index, result) in group {
                    results[index] = result
                    await journal?.record([placed(index, result)])
                    done += 1
                    observer?(.finished(result, done: done, total: selected.count))
                    startNext()
                }
            }
        }
        var flat = results.compactMap { $0 }[...]
        return suites.map { suite in
            let groups = suite.groups.map { group in
                let checks = Array(flat.prefix(group.checks.count))
                flat = flat.dropFirst(group.checks.count)
                return GroupResult(id: group.id, title: group.title, verdict: Verdict.rollUp(checks.map(\.verdict)), checks: checks)
            }
            return SuiteResult(id: suite.id, title: suite.title, verdict: Verdict.rollUp(groups.map(\.verdict)), groups: groups)
        }
    }

    /// One check: inputs present, run under a deadline with its own exchange log, errors classified.
    /// - Parameter keepingAnswers: keep the answers it got for the run's judging checks.
    func execute(_ check: Check, keepingAnswers: Bool = false) async -> CheckResult {
        let started = Date(), clock = ContinuousClock.now
        let log = ExchangeLog()
        func result(_ verdict: Verdict, _ fault: Fault?, _ message: String, _ findings: [Finding] = []) -> CheckResult {
            let elapsed = ContinuousClock.now - clock
            return CheckResult(
                check: check.definition, verdict: verdict, fault: fault, message: message,
                evidence: Evidence(exchanges: log.recorded, findings: findings), startedAt: started,
                milliseconds: elapsed.milliseconds)
        }
        let config = context.config
        let missing = check.definition.inputs.filter { !config.provides($0) }
        if !missing.isEmpty {
            return result(.notApplicable, nil, "the config does not give \(missing.joined(separator: ", "))")
        }
        let deadline = context.config.checkTimeout
        let body = check.body, checkContext = context
        defer { if keepingAnswers { context.seen.add(log.responses, by: check.definition.id) } }
        let outcome: Result<CheckOutcome, any Error> = await ExchangeLog.$current.withValue(log) {
            do {
                guard let finished = try await withDeadline(deadline, { try await body(checkContext) }) else {
                    return .failure(CheckError.transient("the check did not finish within \(deadline)"))
                }
                return .success(finished)
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success(let outcome):
            let fault: Fault? = outcome.verdict == .fail ? .partner : nil
            return result(outcome.verdict, fault, outcome.message, outcome.findings)
        case .failure(let error):
            let (verdict, fault, message) = Self.classify(error)
            return result(verdict, fault, message)
        }
    }

    /// Whose fault a thrown error is: the partner's (`fail`), a transient fault or the kit's (`error`).
    static func classify(_ error: any Error) -> (Verdict, Fault, String) {
        switch error {
        case let error as CheckError:
            switch error {
            case .partner(let message): return (.fail, .partner, message)
            case .transient(let message): return (.error, .transient, message)
            case .kit(let message): return (.error, .kit, message)
            }
        case let error as PrakerjaAPIError:
            return classify(error)
        case let error as TransportError:
            return classify(PrakerjaAPIError(error, operation: nil))
        default:
            return (.error, .kit, "the kit failed: \(error)")
        }
    }

    /// A typed client's failure, by its kind: no answer is a transient fault, a request the kit
    /// could not build is the kit's, and anything the partner answered wrongly is the partner's.
    private static func classify(_ error: PrakerjaAPIError) -> (Verdict, Fault, String) {
        switch error.kind {
        case .transport, .timeout: (.error, .transient, "no answer from the partner: \(error.message)")
        case .invalidRequest: (.error, .kit, "the kit could not build the request: \(error.message)")
        case .refused: (.fail, .partner, "the partner refused a valid call: \(error)")
        case .tooLarge: (.fail, .partner, "the partner's answer is too large: \(error)")
        default: (.fail, .partner, "the partner's answer is not the contract's: \(error)")
        }
    }
}
