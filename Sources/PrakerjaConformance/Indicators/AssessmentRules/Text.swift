import Foundation

/// Text helpers the rules share: words, identifiers, formatting.
enum Text {
    /// Words that carry no subject (Indonesian and English), left out of vocabulary comparisons.
    static let stopwords: Set<String> = [
        "untuk", "dengan", "dalam", "pada", "serta", "atau", "dari", "yang", "bagi", "oleh", "para", "secara",
        "dasar", "tingkat", "lanjut", "pelatihan", "kursus", "kelas", "modul", "with", "from", "into", "sesuai",
    ]
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
