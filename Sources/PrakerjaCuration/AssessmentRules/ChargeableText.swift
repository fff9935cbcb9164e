import PrakerjaConformance

/// Every text of a proposal a charge could be written in, by JSON Pointer: everything but the
/// price and the prices elsewhere.
enum ChargeableText {
    static func of(_ proposal: CourseProposal) -> [(String, String)] {
        let course = proposal.course, design = proposal.design
        var texts: [(String, String)] = [
            ("/course/course/title", course.course.title), ("/course/course/description", course.course.description),
            ("/course/targetParticipants", course.targetParticipants), ("/course/certificate/title", course.certificate.title),
        ]
        texts += course.learningObjectives.enumerated().map { ("/course/learningObjectives/\($0.offset)", $0.element) }
        for (m, module) in course.modules.enumerated() {
            texts.append(("/course/modules/\(m)/title", module.title))
            texts += module.materials.enumerated().map { ("/course/modules/\(m)/materials/\($0.offset)/title", $0.element.title) }
        }
        for (t, task) in course.selfPracticeTasks.enumerated() {
            texts += [("/course/selfPracticeTasks/\(t)/title", task.title), ("/course/selfPracticeTasks/\(t)/instructions", task.instructions)]
        }
        if let test = course.evaluation.practicalTest { texts.append(("/course/evaluation/practicalTest", test)) }
        texts += (course.lms?.features ?? []).enumerated().map { ("/course/lms/features/\($0.offset)", $0.element) }
        texts += design.supportingTools.enumerated().map { ("/design/supportingTools/\($0.offset)", $0.element) }
        texts += design.moduleRationale.enumerated().map { ("/design/moduleRationale/\($0.offset)/reason", $0.element.reason) }
        texts += (proposal.provider.facilities ?? []).enumerated().map { ("/provider/facilities/\($0.offset)", $0.element) }
        return texts
    }
}
