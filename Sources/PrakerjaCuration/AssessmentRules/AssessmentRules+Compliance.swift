import Foundation
import PrakerjaConformance
import PrakerjaModels
import PrakerjaPartners

extension AssessmentRules {
    /// The automated and assisted indicators of compliance with rules and terms.
    static let compliance: [String: Rule] = [
        "A-CO-02": { input in
            .expect(
                !input.proposal.platforms.isEmpty, "sold through \(input.proposal.platforms.joined(separator: ", "))",
                fail: "no digital platform", at: "/platforms", expected: "at least one digital platform", actual: "none")
        },
        "A-CO-04": { input in
            var findings: [Finding] = []
            if input.proposal.design.freeElsewhere {
                findings.append(Finding("the provider declares the course free elsewhere", location: "/design/freeElsewhere"))
            }
            for (index, price) in input.course.pricesElsewhere.enumerated() where price.price == .zero {
                findings.append(Finding("free on \(price.channel)", location: "/course/pricesElsewhere/\(index)/price", actual: "Rp0"))
            }
            for (pointer, text) in input.texts {
                for sentence in input.reference.provider.freeElsewhere(in: text) {
                    findings.append(Finding("the text puts the content where anyone sees it free", location: pointer, actual: sentence))
                }
            }
            return .judge(findings, pass: "declared not free elsewhere, and no free channel listed", fail: "the course is free elsewhere")
        },
        "A-CO-05": { input in
            let certificate = input.course.certificate, provider = input.proposal.provider, words = input.reference.certificates
            var findings: [Finding] = []
            if certificate.title.isEmpty { findings.append(Finding("no certificate title", location: "/course/certificate/title")) }
            if !certificate.sampleURL.hasPrefix("https://") {
                findings.append(Finding("no https sample", location: "/course/certificate/sampleURL", actual: certificate.sampleURL))
            }
            let issuers = [provider.name, provider.legalEntity].filter { !$0.isEmpty }.map { $0.lowercased() }
            if !issuers.contains(certificate.issuer.lowercased()) {
                findings.append(
                    Finding(
                        "the certificate is not issued by the provider", location: "/course/certificate/issuer",
                        expected: issuers.joined(separator: " or "), actual: certificate.issuer))
            }
            let claimed = words.claims(inTitle: certificate.title)
            if !claimed.isEmpty {
                findings.append(
                    Finding(
                        "the provider's certificate is titled as a competency certificate (\(claimed.joined(separator: ", "))), which only a BNSP-licensed LSP issues after a competency test",
                        location: "/course/certificate/title",
                        expected: "a certificate an LP may issue (\(words.lpMayIssue.joined(separator: ", ")))",
                        actual: certificate.title))
            }
            for (pointer, text) in [
                ("/course/course/title", input.course.course.title), ("/course/course/description", input.course.course.description),
            ] {
                for claim in words.claims(inDescription: text) {
                    findings.append(
                        Finding(
                            "the course promises a competency certificate (\(claim.claim.joined(separator: ", "))), which the provider cannot issue",
                            location: pointer, expected: "no competency certificate claimed, or one said to be outside the course",
                            actual: claim.sentence))
                }
            }
            return .judge(
                findings, pass: "\(certificate.title), issued by \(certificate.issuer)",
                fail: "the certificate is incomplete or claims what it is not")
        },
        "A-CO-06": { input in
            var findings: [Finding] = []
            if input.usesLMS, !(input.course.lms.map { $0.url.hasPrefix("https://") } ?? false) {
                findings.append(
                    Finding(
                        "a \(input.method.rawValue) course without an LMS", location: "/course/lms", expected: "an LMS at an https URL",
                        actual: "none"))
            }
            // A shared folder, a chat or a video channel records nobody's progress.
            if input.usesLMS, let lms = input.course.lms, let host = URL(string: lms.url)?.host()?.lowercased(),
                let folder = input.reference.notLMSHosts.first(where: { host == $0 || host.hasSuffix("." + $0) })
            {
                findings.append(
                    Finding(
                        "the LMS is \(folder), which holds files, chats or videos and records no progress", location: "/course/lms/url",
                        expected: "a learning management system", actual: lms.url))
            }
            if input.isLive, input.course.schedulePlan.sessions < 1 {
                findings.append(
                    Finding("a live course without sessions", location: "/course/schedulePlan/sessions", expected: "1 or more", actual: "0"))
            }
            return .judge(
                findings, pass: input.usesLMS ? "tracked by the LMS" : "\(input.course.schedulePlan.sessions) sessions to attend",
                fail: "nothing tracks attendance and progress")
        },
        "A-CO-07": { input in
            guard input.meetsInPerson else { return .notApplicable("participants do not meet in person") }
            let facilities = input.proposal.provider.facilities ?? []
            guard !facilities.isEmpty else {
                return .fail(
                    "no facilities for an in-person course",
                    findings: [Finding("no facilities", location: "/provider/facilities", expected: "rooms and equipment", actual: "none")])
            }
            let counted = facilities.map(input.reference.practice.capacity(of:))
            let units = counted.saturatingSum(\.units), seats = counted.saturatingSum(\.seats)
            let participants = input.course.participantsPerFacilitator, practice = input.course.modules.saturatingSum(\.practiceMinutes)
            var findings: [Finding] = []
            if seats > 0, seats < participants {
                findings.append(
                    Finding(
                        "\(participants) participants in a session, \(seats) seats", location: "/provider/facilities",
                        expected: "at least \(participants) seats", actual: "\(seats)"))
            }
            if practice > 0, let maximum = input.rules.number("maximumParticipantsPerPracticeUnit") {
                if units == 0 {
                    return findings.isEmpty
                        ? .undecided(
                            "the facilities do not say how many practice units they hold: a person counts them against \(participants) participants",
                            findings: [
                                Finding("no count of practice units", location: "/provider/facilities", actual: facilities.joined(separator: "; "))
                            ])
                        : .fail("the facilities cannot hold the class", findings: findings)
                }
                if Double(participants) > maximum * Double(units) {
                    findings.append(
                        Finding(
                            "\(participants) participants share \(units) practice units", location: "/provider/facilities",
                            expected: "at most \(Int(maximum)) participants per unit (maximumParticipantsPerPracticeUnit)",
                            actual: String(format: "%.1f per unit", Double(participants) / Double(units))))
                }
            }
            return .judge(
                findings, pass: "\(facilities.joined(separator: "; ")) for \(participants) participants",
                fail: "the facilities cannot carry the practice")
        },
    ]
}
