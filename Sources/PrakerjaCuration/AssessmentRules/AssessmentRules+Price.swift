import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of a competitive price.
    static let price: [String: Rule] = [
        "A-PR-01": { input in
            let price = input.course.course.price.amount
            let minimum = Int64(input.rules.number("price.minimum") ?? 0), maximum = Int64(input.rules.number("price.maximum") ?? Double(Int64.max))
            return .expect(
                (minimum...maximum).contains(price), "\(input.course.course.price) within \(input.rules.id)'s bounds",
                fail: "the price is outside the program's bounds",
                at: "/course/course/price", expected: "\(Rupiah(integerLiteral: minimum)) to \(Rupiah(integerLiteral: maximum))",
                actual: "\(input.course.course.price)")
        },
        "A-PR-02": { input in
            let price = input.course.course.price
            let cheaper = input.course.pricesElsewhere.enumerated().filter { $0.element.price < price }
            return .judge(
                cheaper.map {
                    Finding(
                        "cheaper on \($0.element.channel)", location: "/course/pricesElsewhere/\($0.offset)/price",
                        expected: "at least \(price)", actual: "\($0.element.price)")
                }
                    + pricesInText(input).filter { $0.rupiah < price.amount }.map {
                        Finding("a lower price named in the text", location: $0.pointer, expected: "at least \(price)", actual: $0.text)
                    },
                pass: input.course.pricesElsewhere.isEmpty ? "not sold elsewhere" : "no channel is cheaper",
                fail: "the program price is above the price elsewhere")
        },
        "A-PR-03": { input in
            let course = AssessedCourse(input.proposal)
            let perHour = course.pricePerHour
            var findings: [Finding] = []
            if let ceiling = input.rules.number("maximumPricePerHour", for: input.method), perHour > ceiling {
                findings.append(
                    Finding(
                        "above the scheme's ceiling for \(input.method.rawValue) courses", location: "/course/course/price",
                        expected: "at most \(PriceBand.hourly(ceiling)) an hour", actual: "\(PriceBand.hourly(perHour)) an hour"))
            }
            let band = PriceBand(history: input.history, course: course, code: input.course.course.code, rules: input.rules)
            if let upper = band.upper, perHour > upper {
                findings.append(
                    Finding(
                        "above the approved courses of its category and method", location: "/course/course/price",
                        expected: "at most \(PriceBand.hourly(upper)) an hour (\(band.description))", actual: "\(PriceBand.hourly(perHour)) an hour"))
            }
            return .judge(findings, pass: "\(PriceBand.hourly(perHour)) an hour; \(band.description)", fail: "expensive for its length")
        },
        "A-PR-04": { input in
            let price = input.course.course.price.amount
            return .expect(
                price % 1_000 == 0, "Rp\(price)", fail: "not in steps of Rp1,000", at: "/course/course/price", expected: "a multiple of 1000",
                actual: "\(price)")
        },
        "A-PR-05": { input in
            let unnamed = input.course.pricesElsewhere.enumerated().filter { $0.element.channel.trimmingCharacters(in: .whitespaces).isEmpty }
            let declared = Set(input.course.pricesElsewhere.map(\.price.amount) + [input.course.course.price.amount])
            let undeclared = pricesInText(input).filter { !declared.contains($0.rupiah) }
            return .judge(
                unnamed.map { Finding("a price without its channel", location: "/course/pricesElsewhere/\($0.offset)/channel") }
                    + undeclared.map {
                        Finding(
                            "a price named in the text that the declared prices elsewhere do not list", location: $0.pointer,
                            expected: "one of \(declared.sorted().map { "\(Rupiah(integerLiteral: $0))" }.joined(separator: ", "))", actual: $0.text)
                    },
                pass: input.course.pricesElsewhere.isEmpty
                    ? "no price elsewhere declared" : input.course.pricesElsewhere.map { "\($0.channel): \($0.price)" }.joined(separator: "; "),
                fail: "prices that cannot be checked")
        },
        "A-PR-06": { input in
            let charges = input.reference.charges
            let findings = input.texts.flatMap { pointer, text in
                let mentions = charges.mentions(in: text, price: input.course.course.price.amount)
                return mentions.isEmpty ? [] : [Finding("money mentioned: \(mentions.joined(separator: ", "))", location: pointer, actual: text)]
            }
            return findings.isEmpty
                ? .pass("no money is mentioned outside the price")
                : .fail("\(findings.count) mentions of money outside the price: a charge on top of it?", findings: findings)
        },
    ]

    /// The prices the proposal's texts name below or beside the course's own: each amount in a
    /// sentence that names a price (`charges.yaml`'s `prices`), other than the course's price.
    static func pricesInText(_ input: AssessmentInput) -> [(pointer: String, text: String, rupiah: Int64)] {
        let price = input.course.course.price.amount
        return input.texts.flatMap { pointer, text in
            input.reference.charges.amounts(in: text).compactMap { amount in
                guard amount.isPrice, let rupiah = amount.rupiah, rupiah != price else { return nil }
                return (pointer, amount.text, rupiah)
            }
        }
    }
}
