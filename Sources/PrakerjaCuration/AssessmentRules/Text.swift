import Foundation
import PrakerjaConformance
import PrakerjaModels

/// Text helpers the rules share: words, identifiers, formatting.
enum Text {
    /// Words that carry no subject (Indonesian and English), left out of vocabulary comparisons.
    static let stopwords: Set<String> = [
        "untuk", "dengan", "dalam", "pada", "serta", "atau", "dari", "yang", "bagi", "oleh", "para", "secara",
        "dasar", "tingkat", "lanjut", "pelatihan", "kursus", "kelas", "modul", "with", "from", "into", "sesuai",
        "dan", "di", "ke", "bukan", "lainnya", "ybdi", "ytdl", "tanpa", "the", "and", "of", "for", "in", "to",
    ]

    /// Words of at least four letters as `Wording` reads them, stopwords left out.
    static func words(_ text: String) -> [String] { Wording.words(text).filter { $0.count >= 4 && !stopwords.contains($0) } }

    static func isSKKNIUnit(_ code: String) -> Bool { code.wholeMatch(of: /[A-Z]\.[0-9A-Z]{5,8}\.[0-9]{3}\.[0-9]{1,2}/) != nil }
    static func isKBJI(_ code: String) -> Bool { code.wholeMatch(of: /[0-9]{4}\.[0-9]{2}/) != nil }
    static func isNIB(_ text: String) -> Bool { text.count == 13 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }
    /// An Indonesian phone number as people write it: a mobile number (`PhoneNumber`), or a
    /// landline with its area code, in brackets or not (`(021) 7345-2210`, `031-7345-2210`,
    /// `+62 21 7345 2210`): 0 or +62, an area code starting 2 to 7, 9 to 12 digits with the 0.
    static func isIndonesianPhone(_ text: String) -> Bool {
        if (try? PhoneNumber(text)) != nil { return true }
        guard text.allSatisfy({ ($0.isASCII && $0.isNumber) || " -.()+".contains($0) }) else { return false }
        let digits = text.filter(\.isNumber)
        let national = digits.hasPrefix("62") ? "0" + digits.dropFirst(2) : text.contains("+") ? "" : digits
        return national.wholeMatch(of: /0[2-7][0-9]{7,10}/) != nil
    }

    static func isEmail(_ text: String) -> Bool { text.wholeMatch(of: /[^@\s]+@[^@\s]+\.[A-Za-z]{2,}/) != nil }

    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// The length a material's title states for itself ("durasi video ±12 menit", "(15 menit)"), in minutes.
    static func statedMinutes(in title: String) -> Int? {
        title.firstMatch(of: /(?:durasi|berdurasi|panjang|±|\()\s*(?:video\s*)?±?\s*([0-9]{1,3})\s*(?:menit|min\b|minutes)/).flatMap {
            Int($0.output.1)
        }
    }

    /// The days `text` gives by the clock: each sentence with a time range ("pukul 08.00-16.00",
    /// "09:00 - 12:00"), its length less a break it names ("istirahat 30 menit"), in minutes.
    static func dailyHours(in text: String) -> [(sentence: String, minutes: Int)] {
        Wording.sentences(text).compactMap { sentence in
            guard let range = sentence.firstMatch(of: /\b([01]?[0-9]|2[0-3])[.:]([0-5][0-9]) ?[-–] ?([01]?[0-9]|2[0-3])[.:]([0-5][0-9])\b/),
                let startHour = Int(range.output.1), let startMinute = Int(range.output.2), let endHour = Int(range.output.3),
                let endMinute = Int(range.output.4)
            else { return nil }
            let length = (endHour * 60 + endMinute) - (startHour * 60 + startMinute)
            let pause = sentence.firstMatch(of: /istirahat ([0-9]{1,3}) ?menit/).flatMap { Int($0.output.1) } ?? 0
            return length > 0 ? (sentence.trimmingCharacters(in: .whitespaces), length - pause) : nil
        }
    }
}
