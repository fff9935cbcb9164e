import Foundation
import PrakerjaConformance
import PrakerjaModels

/// The implementation of every automated and assisted provider-level indicator (`level:
/// provider` in the catalogue), by id: they read the provider and the results history, never a
/// course, so a provider is judged once and the result is shown on each of its proposals.
enum ProviderRules {
    typealias Rule = @Sendable (ProviderInput) -> IndicatorOutcome

    static let all: [String: Rule] = [
        "A-CO-01": { input in
            let provider = input.provider
            var findings: [Finding] = []
            if provider.legalEntity.trimmingCharacters(in: .whitespaces).isEmpty {
                findings.append(Finding("no legal entity", location: "/provider/legalEntity"))
            }
            if let pending = input.reference?.provider.legalEntityPending.found(in: provider.legalEntity), !pending.isEmpty {
                findings.append(
                    Finding(
                        "the legal entity is not there yet (\(pending.joined(separator: ", ")))", location: "/provider/legalEntity",
                        expected: "a ratified legal entity", actual: provider.legalEntity))
            }
            if !Text.isNIB(provider.businessLicence) {
                findings.append(
                    Finding(
                        "the business licence is not an NIB", location: "/provider/businessLicence", expected: "13 digits",
                        actual: provider.businessLicence))
            }
            return .judge(
                findings, pass: "\(provider.legalEntity), NIB \(provider.businessLicence)", fail: "the provider is not an identifiable legal entity")
        },
        "A-CO-03": { input in
            let provider = input.provider
            var findings: [Finding] = []
            if provider.address.trimmingCharacters(in: .whitespaces).count < 10 {
                findings.append(Finding("no usable address", location: "/provider/address"))
            }
            if !Text.isEmail(provider.contactEmail) {
                findings.append(Finding("not an e-mail address", location: "/provider/contactEmail", actual: provider.contactEmail))
            }
            if !Text.isIndonesianPhone(provider.contactPhone) {
                findings.append(
                    Finding(
                        "not an Indonesian phone number", location: "/provider/contactPhone", expected: "like 081234567890 or (021) 7345-2210",
                        actual: provider.contactPhone))
            }
            return .judge(findings, pass: "address, e-mail and phone given", fail: "the provider cannot be reached")
        },
        "A-CO-09": { input in
            guard let history = input.history else {
                return .notApplicable("no results history was read (--no-store): the track record is not known")
            }
            let record = history.record(of: input.provider.code)
            guard !record.isEmpty else {
                return .notApplicable(
                    "a new provider: \(history.source) holds no proposal or live course of \(input.provider.code) that records its provider "
                        + "(runs recorded before 2026-12 do not)")
            }
            let violations = record.statuses.filter { $0.value == .violation }.keys.sorted()
            return .judge(
                violations.map {
                    Finding(
                        "in violation in its latest monitoring sweep", location: "history: monitoring of \($0)", expected: "compliant or warned",
                        actual: CourseStatus.violation.rawValue)
                },
                pass: record.description,
                fail: "\(violations.count) of the provider's live courses in violation (\(record.description)): fix them first")
        },
    ]
}
