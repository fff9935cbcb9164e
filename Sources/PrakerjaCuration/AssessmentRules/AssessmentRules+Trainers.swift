import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// More participants per facilitator than this is a large live class, which needs an assistant.
    static let largeClass = 20

    /// The automated and assisted indicators of trainer quality and background.
    static let trainers: [String: Rule] = [
        "A-TR-01": { input in
            // A team or a placeholder is no one: a trainer is a person, named.
            let notAPerson = input.reference.provider.notAPerson
            let named = input.course.trainers.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty && !notAPerson.isFound(in: $0.name) }
            return .expect(
                !named.isEmpty, named.map(\.name).joined(separator: ", "), fail: "no trainer named", at: "/course/trainers",
                expected: "at least one trainer named as a person",
                actual: input.course.trainers.isEmpty ? "none" : input.course.trainers.map(\.name).joined(separator: ", "))
        },
        "A-TR-02": { input in
            let minimum = Int(input.rules.number("minimumTrainerYears") ?? 0)
            let junior = input.course.trainers.enumerated().filter { $0.element.yearsOfExperience < minimum }
            // A record whose every entry is dated (a degree "lulus 2025", a job "2025-sekarang")
            // holds no year before its earliest: more years claimed than that, with a year's
            // slack for part years, are years nobody can have.
            let submitted = Int(input.proposal.submittedOn.prefix(4)) ?? Int(CalendarDate(Date()).description.prefix(4))!
            let unearned = input.course.trainers.enumerated().compactMap { index, trainer -> Finding? in
                let dated = trainer.qualifications.map { $0.matches(of: /\b(19[5-9][0-9]|20[0-9][0-9])\b/).compactMap { Int($0.output.1) } }
                guard !dated.isEmpty, dated.allSatisfy({ !$0.isEmpty }), let earliest = dated.joined().filter({ $0 <= submitted }).min(),
                    trainer.yearsOfExperience > submitted - earliest + 1
                else { return nil }
                return Finding(
                    "\(trainer.name) claims \(trainer.yearsOfExperience) years, but the earliest year of their record is \(earliest)",
                    location: "/course/trainers/\(index)/yearsOfExperience", expected: "at most \(submitted - earliest)",
                    actual: "\(trainer.yearsOfExperience)")
            }
            return .judge(
                junior.map {
                    Finding(
                        "\($0.element.name) has \($0.element.yearsOfExperience) years", location: "/course/trainers/\($0.offset)/yearsOfExperience",
                        expected: "at least \(minimum)")
                } + unearned,
                pass: "every trainer has at least \(minimum) years", fail: "trainers with too little experience")
        },
        "A-TR-03": { input in
            let bare = input.course.trainers.enumerated().filter { $0.element.qualifications.isEmpty }
            return .judge(
                bare.map { Finding("\($0.element.name) lists no qualification", location: "/course/trainers/\($0.offset)/qualifications") },
                pass: "every trainer lists qualifications", fail: "trainers without qualifications")
        },
        "A-TR-04": { input in
            let vocabulary = input.vocabulary, words = input.reference.certificates
            guard !vocabulary.isEmpty else {
                return .undecided("the kit has no KBJI 2014 words for the course's occupations: a person judges the certifications")
            }
            let certifications = input.course.trainers.flatMap(\.certifications)
            let credentials = certifications.filter { !words.isAttendanceOnly($0) }
            let relevant = credentials.filter { !vocabulary.shared(with: $0).isEmpty }
            guard relevant.isEmpty else { return .pass(relevant.joined(separator: "; ")) }
            let attended = certifications.filter(words.isAttendanceOnly)
            return .fail(
                "no certification relevant to the occupation",
                findings: [
                    Finding(
                        attended.isEmpty
                            ? "no trainer's certification shares a word with the occupation's KBJI description"
                            : "attending is not a certification: \(attended.joined(separator: "; "))", location: "/course/trainers",
                        actual: certifications.joined(separator: "; "))
                ])
        },
        "A-TR-05": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no class") }
            let notAPerson = input.reference.provider.notAPerson
            let ratio = input.course.participantsPerFacilitator
            let assistants = (input.proposal.design.assistants ?? []).filter { !notAPerson.isFound(in: $0.name) }
            var findings: [Finding] = []
            if let maximum = input.rules.number("maximumParticipantsPerFacilitator", for: input.method), Double(ratio) > maximum {
                findings.append(
                    Finding(
                        "too many participants per facilitator", location: "/course/participantsPerFacilitator",
                        expected: "at most 1:\(Int(maximum)) for \(input.method.rawValue)", actual: "1:\(ratio)"))
            }
            // The prose may count the class otherwise than the field does.
            if let maximum = input.rules.number("maximumParticipantsPerFacilitator", for: input.method) {
                for (pointer, text) in [
                    ("/course/course/description", input.course.course.description), ("/course/targetParticipants", input.course.targetParticipants),
                ] {
                    for stated in input.reference.practice.classSizes(in: text)
                    where Double(stated.participants) > maximum * Double(stated.facilitators) {
                        findings.append(
                            Finding(
                                "the text puts \(stated.participants) participants with \(stated.facilitators) facilitators", location: pointer,
                                expected: "at most 1:\(Int(maximum)) for \(input.method.rawValue)", actual: stated.sentence))
                    }
                }
            }
            if ratio > largeClass, assistants.isEmpty {
                findings.append(
                    Finding(
                        "a large class without an assistant", location: "/design/assistants",
                        expected: "an assistant or facilitator for 1:\(ratio)", actual: "none"))
            }
            let helped = assistants.isEmpty ? "" : ", with " + assistants.map { "\($0.name) (\($0.role))" }.joined(separator: ", ")
            return .judge(findings, pass: "1:\(ratio)\(helped)", fail: "the class is too large for its facilitators")
        },
        "A-TR-07": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no sessions to teach") }
            let trainers = max(1, input.course.trainers.count), perTrainer = input.course.schedulePlan.minutesPerDay / trainers
            return .expect(
                perTrainer <= 480, "\(Text.hours(perTrainer)) a day per trainer", fail: "more than a working day per trainer",
                at: "/course/schedulePlan/minutesPerDay", expected: "at most 8 hours a day per trainer", actual: Text.hours(perTrainer))
        },
        "A-TR-09": { input in
            let vocabulary = input.vocabulary, words = input.reference.certificates
            guard !vocabulary.isEmpty else {
                return .undecided("the kit has no KBJI 2014 words for the course's occupations: a person judges the trainers' background")
            }
            let offField = input.course.trainers.enumerated().filter { trainer in
                !trainer.element.qualifications.contains { !words.isAttendanceOnly($0) && !vocabulary.shared(with: $0).isEmpty }
            }
            return .judge(
                offField.map {
                    Finding(
                        "\($0.element.name)'s qualifications are attendance or share no word with the occupation",
                        location: "/course/trainers/\($0.offset)/qualifications", actual: $0.element.qualifications.joined(separator: "; "))
                },
                pass: "every trainer's background fits the occupation", fail: "trainers from another field")
        },
    ]
}
