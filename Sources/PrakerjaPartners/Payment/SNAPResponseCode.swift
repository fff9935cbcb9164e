/// A SNAP BI response code: HTTP status, two-digit service code, two-digit case code (`2003800`).
public struct SNAPResponseCode: Hashable, Sendable, CustomStringConvertible {
    public let httpStatus: Int
    public let service: String
    public let caseCode: String

    public init(_ outcome: SNAPOutcome, service: SNAPService) {
        self.httpStatus = outcome.httpStatus
        self.service = service.rawValue
        self.caseCode = outcome.caseCode
    }

    /// Parses the 7-digit form; nil when it is not 7 digits with a real HTTP status.
    public init?(_ text: String) {
        guard text.utf8.count == 7, text.allSatisfy(\.isASCIINumber), let status = Int(text.prefix(3)), (100...599).contains(status) else {
            return nil
        }
        httpStatus = status
        service = String(text.dropFirst(3).prefix(2))
        caseCode = String(text.suffix(2))
    }

    public var description: String { "\(httpStatus)\(service)\(caseCode)" }

    /// Whether this is `outcome` (for any service).
    public func `is`(_ outcome: SNAPOutcome) -> Bool { httpStatus == outcome.httpStatus && caseCode == outcome.caseCode }
}

/// The SNAP services the program uses, by their two-digit codes.
public enum SNAPService: String, Sendable, CaseIterable {
    case accessToken = "73"
    case eMoneyAccountInquiry = "37"
    case bankAccountInquiry = "15"
    case topUp = "38"
    case intrabankTransfer = "17"
    case topUpStatus = "39"
    case transferStatus = "36"
}

/// The outcomes the program's profile uses: HTTP status, case code and SNAP's message.
public struct SNAPOutcome: Hashable, Sendable {
    public let httpStatus: Int
    public let caseCode: String
    public let message: String

    public static let success = SNAPOutcome(httpStatus: 200, caseCode: "00", message: "Successful")
    /// A body that cannot be read as one JSON request: not JSON, not sent as JSON, a key twice.
    public static let badRequest = SNAPOutcome(httpStatus: 400, caseCode: "00", message: "Bad Request")
    public static let invalidFieldFormat = SNAPOutcome(httpStatus: 400, caseCode: "01", message: "Invalid Field Format")
    public static let invalidMandatoryField = SNAPOutcome(httpStatus: 400, caseCode: "02", message: "Invalid Mandatory Field")
    public static let unauthorized = SNAPOutcome(httpStatus: 401, caseCode: "00", message: "Unauthorized")
    public static let invalidToken = SNAPOutcome(httpStatus: 401, caseCode: "01", message: "Invalid Token (B2B)")
    /// The program profile: the account holder's NIK is not the recipient's.
    public static let doNotHonor = SNAPOutcome(httpStatus: 403, caseCode: "05", message: "Do Not Honor")
    /// The program profile: the account is not KYC-verified.
    public static let transactionNotPermitted = SNAPOutcome(httpStatus: 403, caseCode: "15", message: "Transaction Not Permitted")
    public static let transactionNotFound = SNAPOutcome(httpStatus: 404, caseCode: "01", message: "Transaction Not Found")
    public static let invalidAccount = SNAPOutcome(httpStatus: 404, caseCode: "11", message: "Invalid Account")
    /// The program profile: the amount is not Rp600,000.00 or the fee is not 0.00.
    public static let invalidAmount = SNAPOutcome(httpStatus: 404, caseCode: "13", message: "Invalid Amount")
    /// X-EXTERNAL-ID already used by this partner today.
    public static let conflict = SNAPOutcome(httpStatus: 409, caseCode: "00", message: "Conflict")
    /// partnerReferenceNo already used for a different request.
    public static let duplicatePartnerReference = SNAPOutcome(httpStatus: 409, caseCode: "01", message: "Duplicate partnerReferenceNo")
    public static let generalError = SNAPOutcome(httpStatus: 500, caseCode: "00", message: "General Error")
    /// A body over the adapter's limit (outside SNAP's list, in its 7-digit form).
    public static let bodyTooLarge = SNAPOutcome(httpStatus: 413, caseCode: "00", message: "Request Entity Too Large")

    /// Every outcome the program's profile uses.
    public static let all: [SNAPOutcome] = [
        success, badRequest, invalidFieldFormat, invalidMandatoryField, unauthorized, invalidToken, doNotHonor, transactionNotPermitted,
        transactionNotFound, invalidAccount, invalidAmount, conflict, duplicatePartnerReference, generalError, bodyTooLarge,
    ]
}

extension Character {
    var isASCIINumber: Bool { isASCII && isNumber }
}
