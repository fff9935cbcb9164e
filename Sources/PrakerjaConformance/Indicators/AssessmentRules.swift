import Foundation
import PrakerjaModels
import PrakerjaPartners

/// What the assessment of one proposal reads: the proposal, the rule pack, and (when job portals
/// are configured) the live demand for what the course teaches.
public struct AssessmentInput: Sendable {
    public let proposal: CourseProposal
    public let rules: RulePack
    public let demand: LabourDemand?

    public init(proposal: CourseProposal, rules: RulePack, demand: LabourDemand? = nil) {
        self.proposal = proposal
        self.rules = rules
        self.demand = demand
    }

    var course: CourseDetail { proposal.course }
    var method: LearningMethod { proposal.course.course.method }
    var isLive: Bool { method != .selfPaced }
    var isOnline: Bool { method != .offline }
    var usesLMS: Bool { method == .selfPaced || method == .hybrid }
}

/// Live vacancies on the job portals that match a course's occupations and skills.
public struct LabourDemand: Sendable {
    public struct Search: Sendable {
        public let portal: String
        public let keyword: String
        public let matches: Int
        /// A few matching vacancy titles, as evidence.
        public let sample: [String]
        /// Why the portal could not be searched (then `matches` says nothing).
        public let error: String?
    }

    public let searches: [Search]
    public var total: Int { searches.reduce(0) { $0 + $1.matches } }
}

/// The implementation of every automated and assisted assessment indicator, by id. Manual
/// indicators have none: a person decides them with the rubric.
enum AssessmentRules {
    typealias Rule = @Sendable (AssessmentInput) -> IndicatorOutcome

    static let all: [String: Rule] = [
        // Labour market
        "A-LM-01": { input in
            let competencies = input.course.competencies
            guard !competencies.isEmpty else { return .fail("no competency is stated", findings: [Finding("no competency", location: "/course/competencies")]) }
            let vague = competencies.enumerated().filter { $0.element.title.split(whereSeparator: \.isWhitespace).count < 3 }
            return .judge(vague.map { Finding("the competency \"\($0.element.title)\" is too short to say what a participant will do",
                                              location: "/course/competencies/\($0.offset)/title", expected: "at least three words") },
                          pass: "\(competencies.count) competencies stated", fail: "\(vague.count) competencies too vague")
        },
        "A-LM-02": { input in
            let competencies = input.course.competencies
            let coded = competencies.filter { $0.code.map(Text.isSKKNIUnit) ?? false }.count
            let share = competencies.isEmpty ? 0 : Double(coded) / Double(competencies.count)
            let minimum = input.rules.number("minimumStandardShare") ?? 0
            if share >= minimum { return .pass("\(coded) of \(competencies.count) competencies carry an SKKNI unit code") }
            if !input.proposal.design.curriculumReferences.isEmpty {
                return .pass("\(coded) of \(competencies.count) competencies coded; the curriculum follows \(input.proposal.design.curriculumReferences.joined(separator: "; "))")
            }
            return .fail("too few competencies refer to a standard", findings: [Finding(
                "competencies without an SKKNI unit code, and no curriculum reference", location: "/course/competencies",
                expected: "at least \(Int(minimum * 100))% coded (minimumStandardShare)", actual: "\(coded) of \(competencies.count)")])
        },
        "A-LM-03": { input in
            let occupations = input.course.occupations
            guard !occupations.isEmpty else { return .fail("no target occupation", findings: [Finding("no occupation", location: "/course/occupations")]) }
            let bad = occupations.enumerated().filter { !Text.isKBJI($0.element.code) }
            return .judge(bad.map { Finding("not a KBJI 2014 code", location: "/course/occupations/\($0.offset)/code", expected: "like 2431.03", actual: $0.element.code) },
                          pass: occupations.map { "\($0.title) (\($0.code))" }.joined(separator: ", "), fail: "occupations without a KBJI code")
        },
        "A-LM-04": { input in
            guard let demand = input.demand else {
                return .undecided("no job portal was given (--job-portal CONFIG): the machine has no live demand to show")
            }
            let minimum = Int(input.rules.number("minimumMatchingVacancies") ?? 1)
            let findings = demand.searches.map { search in
                search.error.map { Finding("a search could not be made", location: search.portal, actual: $0) }
                    ?? Finding("\(search.matches) open vacancies for \"\(search.keyword)\" on \(search.portal)", location: search.portal,
                               actual: search.sample.isEmpty ? nil : search.sample.joined(separator: "; "))
            }
            if demand.total < minimum, demand.searches.contains(where: { $0.error != nil }) {
                return .undecided("some job portal searches failed: the machine cannot tell the demand", findings: findings)
            }
            return demand.total >= minimum
                ? .pass("\(demand.total) matching open vacancies", findings: findings)
                : .fail("only \(demand.total) matching open vacancies (minimumMatchingVacancies \(minimum))", findings: findings)
        },
        "A-LM-05": { input in
            let text = input.course.targetParticipants.trimmingCharacters(in: .whitespaces)
            return .expect(text.count >= 20, "described: \(text)", fail: "the target participants are not described",
                           at: "/course/targetParticipants", expected: "at least 20 characters", actual: "\(text.count)")
        },
        "A-LM-06": { input in
            let objectives = input.course.learningObjectives
            var findings = objectives.enumerated().compactMap { index, objective -> Finding? in
                guard let first = Text.words(objective).first, Text.unobservableVerbs.contains(first) else { return nil }
                return Finding("\"\(objective)\" starts with \(first), which no test can observe", location: "/course/learningObjectives/\(index)")
            }
            if objectives.count < 2 { findings.append(Finding("fewer than two objectives", location: "/course/learningObjectives", expected: "2 or more", actual: "\(objectives.count)")) }
            return .judge(findings, pass: "\(objectives.count) objectives, each an observable action", fail: "objectives a test cannot check")
        },

        // Compliance
        "A-CO-01": { input in
            let provider = input.proposal.provider
            var findings: [Finding] = []
            if provider.legalEntity.trimmingCharacters(in: .whitespaces).isEmpty { findings.append(Finding("no legal entity", location: "/provider/legalEntity")) }
            if !Text.isNIB(provider.businessLicence) {
                findings.append(Finding("the business licence is not an NIB", location: "/provider/businessLicence", expected: "13 digits", actual: provider.businessLicence))
            }
            return .judge(findings, pass: "\(provider.legalEntity), NIB \(provider.businessLicence)", fail: "the provider is not an identifiable legal entity")
        },
        "A-CO-02": { input in
            .expect(!input.proposal.platforms.isEmpty, "sold through \(input.proposal.platforms.joined(separator: ", "))",
                    fail: "no digital platform", at: "/platforms", expected: "at least one digital platform", actual: "none")
        },
        "A-CO-03": { input in
            let provider = input.proposal.provider
            var findings: [Finding] = []
            if provider.address.trimmingCharacters(in: .whitespaces).count < 10 { findings.append(Finding("no usable address", location: "/provider/address")) }
            if !Text.isEmail(provider.contactEmail) { findings.append(Finding("not an e-mail address", location: "/provider/contactEmail", actual: provider.contactEmail)) }
            if (try? PhoneNumber(provider.contactPhone)) == nil {
                findings.append(Finding("not an Indonesian phone number", location: "/provider/contactPhone", expected: "like 081234567890", actual: provider.contactPhone))
            }
            return .judge(findings, pass: "address, e-mail and phone given", fail: "the provider cannot be reached")
        },
        "A-CO-04": { input in
            var findings: [Finding] = []
            if input.proposal.design.freeElsewhere { findings.append(Finding("the provider declares the course free elsewhere", location: "/design/freeElsewhere")) }
            for (index, price) in input.course.pricesElsewhere.enumerated() where price.price == .zero {
                findings.append(Finding("free on \(price.channel)", location: "/course/pricesElsewhere/\(index)/price", actual: "Rp0"))
            }
            return .judge(findings, pass: "declared not free elsewhere, and no free channel listed", fail: "the course is free elsewhere")
        },
        "A-CO-05": { input in
            let certificate = input.course.certificate, provider = input.proposal.provider
            var findings: [Finding] = []
            if certificate.title.isEmpty { findings.append(Finding("no certificate title", location: "/course/certificate/title")) }
            if !certificate.sampleURL.hasPrefix("https://") { findings.append(Finding("no https sample", location: "/course/certificate/sampleURL", actual: certificate.sampleURL)) }
            let issuers = [provider.name, provider.legalEntity].filter { !$0.isEmpty }.map { $0.lowercased() }
            if !issuers.contains(certificate.issuer.lowercased()) {
                findings.append(Finding("the certificate is not issued by the provider", location: "/course/certificate/issuer",
                                        expected: issuers.joined(separator: " or "), actual: certificate.issuer))
            }
            return .judge(findings, pass: "\(certificate.title), issued by \(certificate.issuer)", fail: "the certificate is incomplete")
        },
        "A-CO-06": { input in
            var findings: [Finding] = []
            if input.usesLMS, !(input.course.lms.map { $0.url.hasPrefix("https://") } ?? false) {
                findings.append(Finding("a \(input.method.rawValue) course without an LMS", location: "/course/lms", expected: "an LMS at an https URL", actual: "none"))
            }
            if input.isLive, input.course.schedulePlan.sessions < 1 {
                findings.append(Finding("a live course without sessions", location: "/course/schedulePlan/sessions", expected: "1 or more", actual: "0"))
            }
            return .judge(findings, pass: input.usesLMS ? "tracked by the LMS" : "\(input.course.schedulePlan.sessions) sessions to attend",
                          fail: "nothing tracks attendance and progress")
        },
        "A-CO-07": { input in
            guard input.method == .offline || input.method == .hybrid else { return .notApplicable("not an in-person course") }
            let facilities = input.proposal.provider.facilities ?? []
            return .expect(!facilities.isEmpty, facilities.joined(separator: "; "), fail: "no facilities for an in-person course",
                           at: "/provider/facilities", expected: "rooms and equipment", actual: "none")
        },

        // Design
        "A-DS-01": { input in
            let modules = input.course.modules
            var findings = modules.enumerated().filter { $0.element.sequence != $0.offset + 1 }.map {
                Finding("module \($0.offset + 1) is numbered \($0.element.sequence)", location: "/course/modules/\($0.offset)/sequence")
            }
            if modules.count < 2 { findings.append(Finding("fewer than two modules", location: "/course/modules", expected: "2 or more", actual: "\(modules.count)")) }
            return .judge(findings, pass: "\(modules.count) modules in order", fail: "the syllabus is not an ordered list of modules")
        },
        "A-DS-02": { input in
            guard let minimum = input.rules.number("minimumMinutes", for: input.method) else { return .notApplicable("the scheme sets no minimum for \(input.method.rawValue)") }
            let minutes = input.course.course.durationMinutes
            return .expect(Double(minutes) >= minimum, "\(Text.hours(minutes)), at least \(Text.hours(Int(minimum)))", fail: "shorter than the minimum",
                           at: "/course/course/durationMinutes", expected: "at least \(Text.hours(Int(minimum))) for \(input.method.rawValue)", actual: Text.hours(minutes))
        },
        "A-DS-03": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no days to fill") }
            guard let maximum = input.rules.number("maximumMinutesPerDay", for: input.method) else { return .notApplicable("the scheme sets no daily limit") }
            let perDay = input.course.schedulePlan.minutesPerDay
            return .expect(Double(perDay) <= maximum, "\(Text.hours(perDay)) a day", fail: "days longer than the limit",
                           at: "/course/schedulePlan/minutesPerDay", expected: "at most \(Text.hours(Int(maximum))) a day for \(input.method.rawValue)", actual: Text.hours(perDay))
        },
        "A-DS-04": { input in
            let course = input.course, plan = course.schedulePlan
            var findings = course.syllabusProblems.filter { $0.contains("add up") }.map { Finding($0, location: "/course/modules") }
            if plan.days * plan.minutesPerDay < course.course.durationMinutes {
                findings.append(Finding("the schedule is shorter than the course", location: "/course/schedulePlan",
                                        expected: "days × minutes per day ≥ \(course.course.durationMinutes)", actual: "\(plan.days) × \(plan.minutesPerDay)"))
            }
            return .judge(findings, pass: "modules and schedule add up to \(Text.hours(course.course.durationMinutes))", fail: "the times do not add up")
        },
        "A-DS-05": { input in
            guard let maximum = input.rules.number("maximumTheoryShare") else { return .notApplicable("the scheme \(input.rules.id) sets no theory share") }
            let theory = input.course.modules.reduce(0) { $0 + $1.theoryMinutes }, total = input.course.syllabusMinutes
            guard total > 0 else { return .fail("the syllabus has no time", findings: [Finding("no minutes", location: "/course/modules")]) }
            let share = Double(theory) / Double(total)
            return .expect(share <= maximum + 0.005, "\(Text.percent(share)) theory", fail: "too much theory",
                           at: "/course/modules", expected: "at most \(Text.percent(maximum)) theory", actual: "\(Text.percent(share)) (\(theory) of \(total) minutes)")
        },
        "A-DS-06": { input in
            let rationale = input.proposal.design.moduleRationale, titles = Set(input.course.competencies.map { $0.title.lowercased() })
            var findings: [Finding] = []
            for module in input.course.modules {
                guard let reason = rationale.first(where: { $0.module == module.sequence }), !reason.reason.isEmpty else {
                    findings.append(Finding("module \(module.sequence) has no rationale", location: "/design/moduleRationale"))
                    continue
                }
                if !reason.competencies.contains(where: { titles.contains($0.lowercased()) }) {
                    findings.append(Finding("module \(module.sequence)'s rationale names none of the course's competencies", location: "/design/moduleRationale",
                                            actual: reason.competencies.joined(separator: ", ")))
                }
            }
            return .judge(findings, pass: "every module has a reason and a competency", fail: "modules without a reason")
        },
        "A-DS-07": { input in
            let missing = Evaluations.missing(input.rules.list("requiredEvaluations"), in: input.course.evaluation)
            return .judge(missing.map { Finding("no \($0)", location: "/course/evaluation", expected: "\($0) (requiredEvaluations of \(input.rules.id))") },
                          pass: "every required evaluation is planned", fail: "missing \(missing.joined(separator: ", "))")
        },
        "A-DS-08": { input in
            let post = input.course.evaluation.postTest, minimum = Int(input.rules.number("minimumPassingScore") ?? 0)
            var findings: [Finding] = []
            if post.passingScore < minimum { findings.append(Finding("the passing score is low", location: "/course/evaluation/postTest/passingScore", expected: "at least \(minimum)", actual: "\(post.passingScore)")) }
            if post.questions < 10 { findings.append(Finding("too few post-test questions", location: "/course/evaluation/postTest/questions", expected: "at least 10", actual: "\(post.questions)")) }
            return .judge(findings, pass: "pass at \(post.passingScore) of \(post.questions) questions", fail: "the post-test is too easy to pass")
        },

        // Modules
        "A-MD-01": { input in
            let empty = input.course.modules.enumerated().filter { !$0.element.materials.contains { $0.minutes > 0 } }
            return .judge(empty.map { Finding("module \($0.element.sequence) has no material", location: "/course/modules/\($0.offset)/materials") },
                          pass: "every module has materials", fail: "\(empty.count) modules without materials")
        },
        "A-MD-02": { input in
            guard input.method == .selfPaced else { return .notApplicable("not a self-paced course") }
            guard let minimum = input.rules.number("minimumVideoMinutes") else { return .notApplicable("the scheme sets no video minimum") }
            let video = input.course.modules.flatMap(\.materials).filter { $0.kind == .video }.reduce(0) { $0 + $1.minutes }
            return .expect(Double(video) >= minimum, "\(Text.hours(video)) of video", fail: "too little video",
                           at: "/course/modules", expected: "at least \(Text.hours(Int(minimum))) of video", actual: Text.hours(video))
        },
        "A-MD-03": { input in
            let tasks = input.course.selfPracticeTasks
            guard !tasks.isEmpty else { return .fail("no self-practice task", findings: [Finding("no task", location: "/course/selfPracticeTasks")]) }
            let thin = tasks.enumerated().filter { $0.element.instructions.count < 30 }
            return .judge(thin.map { Finding("task \($0.element.sequence)'s instructions are too thin", location: "/course/selfPracticeTasks/\($0.offset)/instructions",
                                             expected: "at least 30 characters", actual: "\($0.element.instructions.count)") },
                          pass: "\(tasks.count) self-practice tasks", fail: "tasks without usable instructions")
        },
        "A-MD-04": { input in
            let vocabulary = Text.vocabulary(of: input)
            let modules = input.course.modules
            let fitting = modules.filter { !Text.words($0.title).filter(vocabulary.contains).isEmpty }
            let share = modules.isEmpty ? 0 : Double(fitting.count) / Double(modules.count)
            let minimum = input.rules.number("minimumTitleOverlap") ?? 0.5
            let outliers = modules.filter { module in !fitting.contains { $0.sequence == module.sequence } }
            let findings = outliers.map { Finding("module \($0.sequence) \"\($0.title)\" shares no word with the title, competencies or objectives", location: "/course/modules") }
            return share >= minimum ? .pass("\(fitting.count) of \(modules.count) modules fit the title", findings: findings)
                : .fail("only \(fitting.count) of \(modules.count) modules fit the title (minimumTitleOverlap \(Text.percent(minimum)))", findings: findings)
        },
        "A-MD-05": { input in
            .expect(input.proposal.design.language == "id", "declared in Bahasa Indonesia", fail: "not in Bahasa Indonesia",
                    at: "/design/language", expected: "id", actual: input.proposal.design.language)
        },
        "A-MD-06": { input in
            let design = input.proposal.design
            return .expect(!design.supportingTools.isEmpty || design.needsNoTools == true,
                           design.supportingTools.isEmpty ? "needs no tools, as declared" : design.supportingTools.joined(separator: "; "),
                           fail: "the tools a participant needs are not named", at: "/design/supportingTools", expected: "the tools, or needsNoTools", actual: "none")
        },

        // Interactive method
        "A-IN-01": { input in
            guard input.isOnline else { return .notApplicable("an in-person course") }
            let minimum = Int(input.rules.number("minimumInteractionChannels") ?? 1), channels = input.proposal.design.interaction
            return .expect(channels.count >= minimum, channels.joined(separator: ", "), fail: "too few ways to interact",
                           at: "/design/interaction", expected: "at least \(minimum) channels", actual: channels.isEmpty ? "none" : channels.joined(separator: ", "))
        },
        "A-IN-02": { input in
            guard input.method == .webinar || input.method == .hybrid else { return .notApplicable("not a webinar or hybrid course") }
            var findings: [Finding] = []
            if input.course.schedulePlan.sessions < 1 { findings.append(Finding("no live sessions", location: "/course/schedulePlan/sessions")) }
            if !input.course.modules.flatMap(\.materials).contains(where: { $0.kind == .liveSession }) {
                findings.append(Finding("no live-session material in any module", location: "/course/modules"))
            }
            return .judge(findings, pass: "\(input.course.schedulePlan.sessions) live sessions", fail: "a webinar without live teaching")
        },
        "A-IN-03": { input in
            let evaluation = input.course.evaluation
            var findings: [Finding] = []
            if let pre = evaluation.preTest {
                if pre.questions < 10 { findings.append(Finding("too few pre-test questions", location: "/course/evaluation/preTest/questions", expected: "at least 10", actual: "\(pre.questions)")) }
            } else {
                findings.append(Finding("no pre-test", location: "/course/evaluation/preTest"))
            }
            if evaluation.postTest.questions < 10 {
                findings.append(Finding("too few post-test questions", location: "/course/evaluation/postTest/questions", expected: "at least 10", actual: "\(evaluation.postTest.questions)"))
            }
            return .judge(findings, pass: "a pre-test and a post-test", fail: "the learning gain cannot be measured")
        },
        "A-IN-04": { input in
            let quizzes = input.course.evaluation.quizzes, modules = input.course.modules.count
            return .expect(quizzes * 2 >= modules, "\(quizzes) quizzes for \(modules) modules", fail: "too few quizzes",
                           at: "/course/evaluation/quizzes", expected: "at least \((modules + 1) / 2)", actual: "\(quizzes)")
        },
        "A-IN-05": { input in
            guard input.rules.list("requiredEvaluations").contains("practicalTest") else { return .notApplicable("the scheme \(input.rules.id) requires no practical test") }
            let test = input.course.evaluation.practicalTest ?? ""
            return .expect(!test.isEmpty, test, fail: "no practical skills test", at: "/course/evaluation/practicalTest", expected: "a practical test", actual: "none")
        },
        "A-IN-06": { input in
            guard input.usesLMS else { return .notApplicable("not a self-paced or hybrid course") }
            guard let lms = input.course.lms else { return .fail("no LMS", findings: [Finding("no LMS", location: "/course/lms")]) }
            let tracks = lms.features.contains { Text.progressFeatures.contains($0.lowercased()) }
            return .expect(tracks, "the LMS tracks progress", fail: "the LMS does not track progress", at: "/course/lms/features",
                           expected: "progress tracking", actual: lms.features.joined(separator: ", "))
        },

        // Price
        "A-PR-01": { input in
            let price = input.course.course.price.amount
            let minimum = Int64(input.rules.number("price.minimum") ?? 0), maximum = Int64(input.rules.number("price.maximum") ?? Double(Int64.max))
            return .expect((minimum...maximum).contains(price), "\(input.course.course.price) within \(input.rules.id)'s bounds", fail: "the price is outside the program's bounds",
                           at: "/course/course/price", expected: "\(Rupiah(integerLiteral: minimum)) to \(Rupiah(integerLiteral: maximum))", actual: "\(input.course.course.price)")
        },
        "A-PR-02": { input in
            let price = input.course.course.price
            let cheaper = input.course.pricesElsewhere.enumerated().filter { $0.element.price < price }
            return .judge(cheaper.map { Finding("cheaper on \($0.element.channel)", location: "/course/pricesElsewhere/\($0.offset)/price",
                                                expected: "at least \(price)", actual: "\($0.element.price)") },
                          pass: input.course.pricesElsewhere.isEmpty ? "not sold elsewhere" : "no channel is cheaper",
                          fail: "the program price is above the price elsewhere")
        },
        "A-PR-03": { input in
            guard let maximum = input.rules.number("maximumPricePerHour", for: input.method) else { return .notApplicable("the scheme sets no price per hour") }
            let minutes = max(1, input.course.course.durationMinutes)
            let perHour = Double(input.course.course.price.amount) * 60 / Double(minutes)
            return .expect(perHour <= maximum, "Rp\(Int(perHour)) an hour", fail: "expensive for its length", at: "/course/course/price",
                           expected: "at most Rp\(Int(maximum)) an hour", actual: "Rp\(Int(perHour)) an hour")
        },
        "A-PR-04": { input in
            let price = input.course.course.price.amount
            return .expect(price % 1_000 == 0, "Rp\(price)", fail: "not in steps of Rp1,000", at: "/course/course/price", expected: "a multiple of 1000", actual: "\(price)")
        },
        "A-PR-05": { input in
            let unnamed = input.course.pricesElsewhere.enumerated().filter { $0.element.channel.trimmingCharacters(in: .whitespaces).isEmpty }
            return .judge(unnamed.map { Finding("a price without its channel", location: "/course/pricesElsewhere/\($0.offset)/channel") },
                          pass: input.course.pricesElsewhere.isEmpty ? "no price elsewhere declared" : input.course.pricesElsewhere.map { "\($0.channel): \($0.price)" }.joined(separator: "; "),
                          fail: "prices that cannot be checked")
        },

        // Trainers
        "A-TR-01": { input in
            let named = input.course.trainers.filter { !$0.name.trimmingCharacters(in: .whitespaces).isEmpty }
            return .expect(!named.isEmpty, named.map(\.name).joined(separator: ", "), fail: "no trainer named", at: "/course/trainers", expected: "at least one trainer", actual: "none")
        },
        "A-TR-02": { input in
            let minimum = Int(input.rules.number("minimumTrainerYears") ?? 0)
            let junior = input.course.trainers.enumerated().filter { $0.element.yearsOfExperience < minimum }
            return .judge(junior.map { Finding("\($0.element.name) has \($0.element.yearsOfExperience) years", location: "/course/trainers/\($0.offset)/yearsOfExperience",
                                               expected: "at least \(minimum)") },
                          pass: "every trainer has at least \(minimum) years", fail: "trainers with too little experience")
        },
        "A-TR-03": { input in
            let bare = input.course.trainers.enumerated().filter { $0.element.qualifications.isEmpty }
            return .judge(bare.map { Finding("\($0.element.name) lists no qualification", location: "/course/trainers/\($0.offset)/qualifications") },
                          pass: "every trainer lists qualifications", fail: "trainers without qualifications")
        },
        "A-TR-04": { input in
            let vocabulary = Text.vocabulary(of: input)
            let relevant = input.course.trainers.flatMap(\.certifications).filter { !Text.words($0).filter(vocabulary.contains).isEmpty }
            return relevant.isEmpty
                ? .fail("no certification relevant to the course", findings: [Finding("no trainer's certification shares a word with the course", location: "/course/trainers",
                                                                                    actual: input.course.trainers.flatMap(\.certifications).joined(separator: "; "))])
                : .pass(relevant.joined(separator: "; "))
        },
        "A-TR-05": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no class") }
            guard let maximum = input.rules.number("maximumParticipantsPerFacilitator", for: input.method) else { return .notApplicable("the scheme sets no ratio") }
            let ratio = input.course.participantsPerFacilitator
            return .expect(Double(ratio) <= maximum, "1:\(ratio)", fail: "too many participants per facilitator", at: "/course/participantsPerFacilitator",
                           expected: "at most 1:\(Int(maximum)) for \(input.method.rawValue)", actual: "1:\(ratio)")
        },
        "A-TR-06": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no class") }
            guard input.course.participantsPerFacilitator > 20 else { return .pass("1:\(input.course.participantsPerFacilitator) needs no assistant") }
            let assistants = input.proposal.design.assistants ?? []
            return .expect(!assistants.isEmpty, assistants.map { "\($0.name) (\($0.role))" }.joined(separator: ", "), fail: "a large class without an assistant",
                           at: "/design/assistants", expected: "an assistant or facilitator for 1:\(input.course.participantsPerFacilitator)", actual: "none")
        },
        "A-TR-07": { input in
            guard input.isLive else { return .notApplicable("a self-paced course has no sessions to teach") }
            let trainers = max(1, input.course.trainers.count), perTrainer = input.course.schedulePlan.minutesPerDay / trainers
            return .expect(perTrainer <= 480, "\(Text.hours(perTrainer)) a day per trainer", fail: "more than a working day per trainer",
                           at: "/course/schedulePlan/minutesPerDay", expected: "at most 8 hours a day per trainer", actual: Text.hours(perTrainer))
        },
        "A-TR-09": { input in
            let vocabulary = Text.vocabulary(of: input)
            let offField = input.course.trainers.enumerated().filter { trainer in
                !trainer.element.qualifications.contains { !Text.words($0).filter(vocabulary.contains).isEmpty }
            }
            return .judge(offField.map { Finding("\($0.element.name)'s qualifications share no word with the course", location: "/course/trainers/\($0.offset)/qualifications",
                                                 actual: $0.element.qualifications.joined(separator: "; ")) },
                          pass: "every trainer's background fits the material", fail: "trainers from another field")
        },
    ]
}

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

/// Text helpers the rules share: words, identifiers, formatting.
enum Text {
    /// Words that carry no subject (Indonesian and English), left out of vocabulary comparisons.
    static let stopwords: Set<String> = ["untuk", "dengan", "dalam", "pada", "serta", "atau", "dari", "yang", "bagi", "oleh", "para", "secara",
                                         "dasar", "tingkat", "lanjut", "pelatihan", "kursus", "kelas", "modul", "with", "from", "into", "sesuai"]
    /// Verbs no test can observe: objectives should name what a participant does.
    static let unobservableVerbs: Set<String> = ["memahami", "mengetahui", "mengenal", "mengerti", "understand", "know", "learn", "mempelajari"]
    static let progressFeatures: Set<String> = ["progress-tracking", "progress", "kemajuan", "pelacakan-kemajuan", "attendance", "kehadiran"]

    /// Lower-cased words of at least four letters, stopwords left out.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count >= 4 && !stopwords.contains($0) }
    }

    /// The course's own vocabulary: its title, competencies, occupations and objectives.
    static func vocabulary(of input: AssessmentInput) -> Set<String> {
        let course = input.course
        let texts = [course.course.title] + course.competencies.map(\.title) + course.occupations.map(\.title) + course.learningObjectives
        return Set(texts.flatMap(words))
    }

    static func isSKKNIUnit(_ code: String) -> Bool { code.wholeMatch(of: /[A-Z]\.[0-9A-Z]{5,8}\.[0-9]{3}\.[0-9]{1,2}/) != nil }
    static func isKBJI(_ code: String) -> Bool { code.wholeMatch(of: /[0-9]{4}\.[0-9]{2}/) != nil }
    static func isNIB(_ text: String) -> Bool { text.count == 13 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
    static func isEmail(_ text: String) -> Bool { text.wholeMatch(of: /[^@\s]+@[^@\s]+\.[A-Za-z]{2,}/) != nil }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
