import PrakerjaConformance
import PrakerjaPartners

/// The evaluations a rule pack can require, and which of them a plan lacks.
enum Evaluations {
    static func missing(_ required: [String], in plan: EvaluationPlan) -> [String] {
        required.filter { name in
            switch name {
            case "preTest": plan.preTest == nil
            case "postTest": false
            case "quizzes": plan.quizzes < 1
            case "practicalTest": (plan.practicalTest ?? "").isEmpty
            default: true
            }
        }
    }
}
