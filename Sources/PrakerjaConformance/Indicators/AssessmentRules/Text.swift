import Foundation

/// Text helpers the rules share: words, identifiers, formatting.
enum Text {
    /// Words that carry no subject (Indonesian and English), left out of vocabulary comparisons.
    static let stopwords: Set<String> = [
        "untuk", "dengan", "dalam", "pada", "serta", "atau", "dari", "yang", "bagi", "oleh", "para", "secara",
        "dasar", "tingkat", "lanjut", "pelatihan", "kursus", "kelas", "modul", "with", "from", "into", "sesuai",
    ]

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
    /// An Indonesian phone number as people write it (spaces, dashes, dots, brackets, +62): a
    /// mobile number (08, 10 to 13 digits) or a landline with its area code (02 to 07, 9 to 12 digits).
    static func isIndonesianPhone(_ text: String) -> Bool {
        guard text.allSatisfy({ $0.isNumber || " -.()+".contains($0) }) else { return false }
        var digits = text.filter(\.isNumber)
        if text.trimmingCharacters(in: .whitespaces).hasPrefix("+") || digits.hasPrefix("62") {
            guard digits.hasPrefix("62") else { return false }
            digits = "0" + digits.dropFirst(2)
        }
        guard digits.allSatisfy(\.isASCII) else { return false }
        if digits.hasPrefix("08") { return (10...13).contains(digits.count) }
        return digits.wholeMatch(of: /0[2-7][0-9]+/) != nil && (9...12).contains(digits.count)
    }

    static func isEmail(_ text: String) -> Bool { text.wholeMatch(of: /[^@\s]+@[^@\s]+\.[A-Za-z]{2,}/) != nil }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
