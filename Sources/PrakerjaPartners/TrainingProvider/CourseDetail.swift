import Foundation
import PrakerjaModels

/// Everything the curation team's assessment needs about one course, as its training provider
/// publishes it (`GET /v1/courses/{code}`).
public struct CourseDetail: Codable, Sendable, Hashable {
    public let course: Course
    /// Who the course is for (job seekers, workers, small-business owners...).
    public let targetParticipants: String
    /// Competencies taught, with their SKKNI unit codes where there is one.
    public let competencies: [Competency]
    /// Occupations the course prepares for (KBJI 2014).
    public let occupations: [OccupationReference]
    public let learningObjectives: [String]
    /// How the learning time is spread: days and minutes per day.
    public let schedulePlan: SchedulePlan
    /// The syllabus: modules in order, with theory and practice time and materials.
    public let modules: [CourseModule]
    public let evaluation: EvaluationPlan
    public let trainers: [Trainer]
    /// At most this many participants per facilitator in a live session.
    public let participantsPerFacilitator: Int
    /// The same course sold elsewhere (the program's price may not be above these).
    public let pricesElsewhere: [PriceElsewhere]
    public let certificate: CertificateTemplate
    /// The learning management system, for self-paced and hybrid courses.
    public let lms: LMSDetails?
    /// The self-practice tasks (penugasan mandiri) participants hand in.
    public let selfPracticeTasks: [SelfPracticeTask]

    public init(
        course: Course, targetParticipants: String, competencies: [Competency], occupations: [OccupationReference],
        learningObjectives: [String], schedulePlan: SchedulePlan, modules: [CourseModule], evaluation: EvaluationPlan,
        trainers: [Trainer], participantsPerFacilitator: Int, pricesElsewhere: [PriceElsewhere], certificate: CertificateTemplate,
        lms: LMSDetails?, selfPracticeTasks: [SelfPracticeTask]
    ) {
        self.course = course
        self.targetParticipants = targetParticipants
        self.competencies = competencies
        self.occupations = occupations
        self.learningObjectives = learningObjectives
        self.schedulePlan = schedulePlan
        self.modules = modules
        self.evaluation = evaluation
        self.trainers = trainers
        self.participantsPerFacilitator = participantsPerFacilitator
        self.pricesElsewhere = pricesElsewhere
        self.certificate = certificate
        self.lms = lms
        self.selfPracticeTasks = selfPracticeTasks
    }

    /// Theory plus practice minutes over every module.
    public var syllabusMinutes: Int { modules.saturatingSum { $0.theoryMinutes.saturatingPlus($0.practiceMinutes) } }

    /// What is wrong with the syllabus: none, or the reasons (no module, times that do not add up
    /// to the course's duration). The one definition both sides use.
    public var syllabusProblems: [String] {
        var problems: [String] = []
        if modules.isEmpty { problems.append("the course has no modules") }
        if !modules.isEmpty, syllabusMinutes != course.durationMinutes {
            problems.append("the modules add up to \(syllabusMinutes) minutes, the course lasts \(course.durationMinutes)")
        }
        for (index, module) in modules.enumerated() where module.sequence != index + 1 {
            problems.append("module \(index + 1) has sequence \(module.sequence)")
        }
        return problems
    }
}

/// A competency, with its SKKNI unit code (`M.70IKK00.001.1`) when the national standard has one.
public struct Competency: Codable, Sendable, Hashable {
    public let code: String?
    public let title: String

    public init(code: String?, title: String) {
        self.code = code
        self.title = title
    }
}

/// An occupation in KBJI 2014, Indonesia's standard classification of occupations (`5120.01`).
public struct OccupationReference: Codable, Sendable, Hashable {
    public let code: String
    public let title: String

    public init(code: String, title: String) {
        self.code = code
        self.title = title
    }
}

/// How a course's learning time is spread.
public struct SchedulePlan: Codable, Sendable, Hashable {
    public let days: Int
    public let minutesPerDay: Int
    /// Live sessions per schedule (webinar, offline, hybrid); 0 for self-paced.
    public let sessions: Int

    public init(days: Int, minutesPerDay: Int, sessions: Int) {
        self.days = days
        self.minutesPerDay = minutesPerDay
        self.sessions = sessions
    }
}

/// One module of the syllabus.
public struct CourseModule: Codable, Sendable, Hashable {
    public let sequence: Int
    public let title: String
    public let theoryMinutes: Int
    public let practiceMinutes: Int
    public let materials: [LearningMaterial]

    public init(sequence: Int, title: String, theoryMinutes: Int, practiceMinutes: Int, materials: [LearningMaterial]) {
        self.sequence = sequence
        self.title = title
        self.theoryMinutes = theoryMinutes
        self.practiceMinutes = practiceMinutes
        self.materials = materials
    }
}

public struct LearningMaterial: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case video, document, slides, quiz, assignment, liveSession = "live-session"
    }

    public let kind: Kind
    public let title: String
    public let minutes: Int

    public init(kind: Kind, title: String, minutes: Int) {
        self.kind = kind
        self.title = title
        self.minutes = minutes
    }
}

/// How participants are evaluated.
public struct EvaluationPlan: Codable, Sendable, Hashable {
    public let preTest: TestPlan?
    public let postTest: TestPlan
    public let quizzes: Int
    public let practicalTest: String?

    public init(preTest: TestPlan?, postTest: TestPlan, quizzes: Int, practicalTest: String?) {
        self.preTest = preTest
        self.postTest = postTest
        self.quizzes = quizzes
        self.practicalTest = practicalTest
    }
}

public struct TestPlan: Codable, Sendable, Hashable {
    public let questions: Int
    /// 0 to 100.
    public let passingScore: Int

    public init(questions: Int, passingScore: Int) {
        self.questions = questions
        self.passingScore = passingScore
    }
}

/// A trainer, as the assessment judges them: qualifications and experience.
public struct Trainer: Codable, Sendable, Hashable {
    public let name: String
    public let qualifications: [String]
    public let yearsOfExperience: Int
    public let certifications: [String]

    public init(name: String, qualifications: [String], yearsOfExperience: Int, certifications: [String]) {
        self.name = name
        self.qualifications = qualifications
        self.yearsOfExperience = yearsOfExperience
        self.certifications = certifications
    }
}

public struct PriceElsewhere: Codable, Sendable, Hashable {
    /// Where: the provider's own site, another marketplace, in person.
    public let channel: String
    public let price: Rupiah

    public init(channel: String, price: Rupiah) {
        self.channel = channel
        self.price = price
    }
}

public struct CertificateTemplate: Codable, Sendable, Hashable {
    public let title: String
    public let issuer: String
    /// Whether the certificate lists the competencies achieved.
    public let listsCompetencies: Bool
    public let sampleURL: String

    public init(title: String, issuer: String, listsCompetencies: Bool, sampleURL: String) {
        self.title = title
        self.issuer = issuer
        self.listsCompetencies = listsCompetencies
        self.sampleURL = sampleURL
    }
}

public struct LMSDetails: Codable, Sendable, Hashable {
    public let url: String
    public let features: [String]

    public init(url: String, features: [String]) {
        self.url = url
        self.features = features
    }
}

public struct SelfPracticeTask: Codable, Sendable, Hashable {
    public let sequence: Int
    public let title: String
    public let instructions: String

    public init(sequence: Int, title: String, instructions: String) {
        self.sequence = sequence
        self.title = title
        self.instructions = instructions
    }
}
