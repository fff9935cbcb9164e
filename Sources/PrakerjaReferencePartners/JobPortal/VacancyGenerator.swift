import Foundation
import PrakerjaModels

/// Generates the reference job portal's vacancies: deterministic for a seed and a reference time,
/// spread over the 34 provinces of 2021 roughly by population, about one in six undisclosed
/// salaries, and about one in eight already closed at the reference time (for freshness checks).
public enum VacancyGenerator {
    /// The program's 2021 figure: the daily sync carries 5,500+ vacancies.
    public static let standardCount = 6_000

    /// `count` vacancies posted in the 60 days before `now`.
    public static func generate(count: Int = standardCount, seed: UInt64 = 2021, now: Date) -> [JobVacancy] {
        var random = SeededRandom(seed: seed)
        let provinces = Province.existing(in: 2021)
        let weights = provinces.map { Self.populationWeight[$0.code] ?? 1 }
        let totalWeight = weights.reduce(0, +)
        let types: [(JobType, Int)] = [(.fullTime, 55), (.contract, 25), (.partTime, 8), (.internship, 7), (.freelance, 5)]
        return (1...count).map { number in
            var draw = Int.random(in: 0..<totalWeight, using: &random)
            let province = provinces[
                weights.firstIndex {
                    draw -= $0
                    return draw < 0
                }!]
            let occupation = random.pick(Occupation.all)
            let isCity = Bool.random(using: &random)
            let regency = isCity ? 71 + Int.random(in: 0...4, using: &random) : 1 + Int.random(in: 0...14, using: &random)
            let location = try! RegionCode(province: province, regency: String(format: "%02d", regency))
            let factor = province.code == "31" ? 1.3 : (["32", "35", "36", "51", "64"].contains(province.code) ? 1.0 : 0.85)
            let low = Int64(Double(occupation.salary.lowerBound) * factor / 100_000) * 100_000
            let high = Int64(Double(occupation.salary.upperBound) * factor / 100_000) * 100_000
            let minimum = Int64.random(in: low...(low + (high - low) / 2), using: &random) / 100_000 * 100_000
            let salary =
                Int.random(in: 0..<6, using: &random) == 0
                ? nil
                : try! SalaryRange(minimum: try! Rupiah(minimum), maximum: try! Rupiah(max(minimum, high)))
            var typeDraw = Int.random(in: 0..<100, using: &random)
            let jobType = types.first {
                typeDraw -= $0.1
                return typeDraw < 0
            }!.0
            let education = Int.random(in: 0..<4, using: &random) == 0 ? max(.sd, Self.lower(occupation.education)) : occupation.education
            let postedAt = now.addingTimeInterval(-60 * Double(Int.random(in: 0..<(60 * 24 * 60), using: &random)))  // any minute of 60 days
            let age = now.timeIntervalSince(postedAt)
            let updatedAt = postedAt.addingTimeInterval(Double.random(in: 0...min(age, 5 * 86_400), using: &random).rounded(.down))
            let closesAt = postedAt.addingTimeInterval(Double(Int.random(in: 30...90, using: &random)) * 86_400)
            // One in five came in the nightly import, stamped at midnight (UTC): many vacancies
            // posted at one time, as a portal that imports in batches has.
            let published =
                number % 5 == 0 ? Date(timeIntervalSince1970: (postedAt.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400) : postedAt
            let company = "\(random.pick(CompanyNames.prefixes)) \(random.pick(CompanyNames.first)) \(random.pick(CompanyNames.second))"
            let skills = Array(
                occupation.skills.shuffled(using: &random).prefix(max(2, occupation.skills.count - Int.random(in: 0...1, using: &random))))
            return try! JobVacancy(
                id: String(format: "VAC-%06d", number), title: occupation.title, company: company,
                description: "\(company) membuka lowongan \(occupation.title) di \(province.name). Keahlian: \(skills.joined(separator: ", ")).",
                location: location, education: education, industry: try! Industry(section: occupation.industry), salary: salary,
                jobType: jobType, skills: skills, postedAt: published.rounded, updatedAt: updatedAt.rounded, closesAt: closesAt.rounded)
        }
    }

    private static func lower(_ level: EducationLevel) -> EducationLevel {
        let all = EducationLevel.allCases
        return all[max(0, all.firstIndex(of: level)! - 1)]
    }

    /// Rough population weights (millions, 2020 census) by province code.
    static let populationWeight: [String: Int] = [
        "11": 5, "12": 15, "13": 6, "14": 7, "15": 4, "16": 9, "17": 2, "18": 9, "19": 2, "21": 2, "31": 11, "32": 49, "33": 37,
        "34": 4, "35": 41, "36": 12, "51": 4, "52": 5, "53": 5, "61": 5, "62": 3, "63": 4, "64": 4, "65": 1, "71": 3, "72": 3,
        "73": 9, "74": 3, "75": 1, "76": 1, "81": 2, "82": 1, "91": 4, "92": 1,
    ]
}

extension Date {
    /// To the whole second (what goes on the wire).
    var rounded: Date { Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down)) }
}
