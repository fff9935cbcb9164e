import PrakerjaConformance

/// What a training institution's certificate may claim (`certificates.yaml`): the phrases that
/// claim a competency certificate, and attendance that is no credential.
struct CertificateWords: Sendable {
    /// The kinds of certificate a training institution may issue.
    let lpMayIssue: [String]
    let claims: Lexicon
    let claimWords: Lexicon
    let certificationBodies: Lexicon
    let aboutSomeoneElse: Lexicon
    let notIncluded: Lexicon
    let attendanceOnly: Lexicon
    /// Who a certificate goes to: a sentence naming them is about them, whoever else it names.
    let recipients: Lexicon

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        claims = try file.lexicon("claims")
        claimWords = try file.lexicon("claimWords")
        certificationBodies = try file.lexicon("certificationBodies")
        aboutSomeoneElse = try file.lexicon("aboutSomeoneElse")
        notIncluded = try file.lexicon("notIncluded")
        attendanceOnly = try file.lexicon("attendanceOnly")
        recipients = try file.lexicon("recipients")
        lpMayIssue = try file.field("lpMayIssue").strings()
    }

    /// The claims of a competency certificate in a description's sentences: a sentence that claims
    /// one, unless it is about the trainer (and not the participants too) or says the certificate is
    /// not part of the course.
    func claims(inDescription text: String) -> [(sentence: String, claim: [String])] {
        Wording.sentences(text).compactMap { sentence in
            let found = claims.found(in: sentence)
            guard !found.isEmpty, !aboutSomeoneElse.isFound(in: sentence) || recipients.isFound(in: sentence), !notIncluded.isFound(in: sentence)
            else { return nil }
            return (sentence.trimmingCharacters(in: .whitespaces), found)
        }
    }

    /// The claims of a competency certificate in a certificate's title.
    func claims(inTitle title: String) -> [String] { claims.found(in: title) + claimWords.found(in: title) }

    /// Whether a credential is only having attended something (a webinar, a seminar).
    func isAttendanceOnly(_ credential: String) -> Bool { attendanceOnly.isFound(in: credential) }
}
