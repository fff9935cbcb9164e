import PrakerjaModels

/// The answer to `GET /v1/certificates/{number}`: whether the provider issued this certificate and
/// whether it still stands. A number the provider never issued (a forged one) is `unknown`, never
/// `valid`; only an issued certificate carries its course, masked holder, date and score.
public struct CertificateVerification: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case valid, revoked, unknown
    }

    public let number: String
    public let status: Status
    public let courseCode: String?
    /// Masked (`S*** R********`).
    public let holder: String?
    public let issuedOn: CalendarDate?
    public let postTestScore: Int?

    public init(
        number: String, status: Status, courseCode: String? = nil, holder: String? = nil, issuedOn: CalendarDate? = nil,
        postTestScore: Int? = nil
    ) {
        self.number = number
        self.status = status
        self.courseCode = courseCode
        self.holder = holder
        self.issuedOn = issuedOn
        self.postTestScore = postTestScore
    }

    /// The verification of an issued `certificate`.
    public init(_ certificate: Certificate) {
        self.init(
            number: certificate.number, status: certificate.status == .valid ? .valid : .revoked, courseCode: certificate.courseCode,
            holder: Masking.name(certificate.participantName), issuedOn: certificate.issuedOn, postTestScore: certificate.postTestScore)
    }
}
