import PrakerjaConformance

/// The implementation of every automated and assisted assessment indicator, by id, one file per
/// aspect of the catalogue. Manual indicators have none: a person decides them with the rubric.
enum AssessmentRules {
    typealias Rule = @Sendable (AssessmentInput) -> IndicatorOutcome

    /// Every aspect's rules; an id in two aspects is a mistake the first assessment would trap on.
    static let all = [String: Rule](
        uniqueKeysWithValues: [labourMarket, compliance, design, modules, interactiveMethod, price, trainers].joined().map { ($0.key, $0.value) })
}
