/// Which JSON fields hold personal data or secrets, and how each is masked in logs and evidence.
///
/// Field names are compared without case, `_` or `-`, so `customer_name`, `customerName` and
/// `Customer-Name` are the same field.
public enum PersonalDataFields {
    public enum Kind: Sendable {
        /// A person's name: first letters kept.
        case name
        case email
        case phone
        /// NIK, card, account or participant numbers: last 4 kept.
        case identifier
        /// OTPs, tokens, keys and signatures: nothing kept.
        case secret
    }

    /// The masking for `field`, or nil when the field is not personal.
    public static func kind(of field: String) -> Kind? {
        let key = String(field.lowercased().filter { $0 != "_" && $0 != "-" })
        if let kind = exact[key] { return kind }
        if key.hasSuffix("token") || key.hasSuffix("secret") || key.hasSuffix("signkey") || key == "signature" || key == "xsignature" {
            return .secret
        }
        if key.hasSuffix("accountno") || key.hasSuffix("accountnumber") { return .identifier }
        if key.hasSuffix("name") && !nonPersonalNames.contains(key) { return .name }
        return nil
    }

    /// Whether `field` holds a transaction reference (`partnerReferenceNo`, `originalReferenceNo`,
    /// `invoiceCode`): an identifier of a transaction, not of a person, kept as it is in evidence
    /// so that what a message names can be found in the exchange.
    public static func isReference(_ field: String) -> Bool {
        let key = String(field.lowercased().filter { $0 != "_" && $0 != "-" })
        return key.hasSuffix("referenceno") || references.contains(key)
    }

    private static let references: Set<String> = ["externalid", "xexternalid", "invoicecode", "transactioncode", "redeemcode", "submissionid"]

    /// Masks `value` as its kind requires.
    public static func mask(_ value: String, as kind: Kind) -> String {
        switch kind {
        case .name: Masking.name(value)
        case .email: Masking.email(value)
        case .phone: Masking.phone(value)
        case .identifier: Masking.keepingLast(4, of: value)
        case .secret: "[redacted]"
        }
    }

    private static let exact: [String: Kind] = [
        "email": .email, "phone": .phone, "phonenumber": .phone, "customernumber": .phone, "notelp": .phone,
        "nik": .identifier, "noprakerja": .identifier, "prakerjaid": .identifier, "kartuprakerja": .identifier,
        "holdernik": .identifier, "accountno": .identifier, "otp": .secret, "password": .secret,
        // People named by role, not by a field ending in "name": a platform's reviewers and
        // participants, a certificate's holder. A partner that fails to mask them must not have
        // the names kept in the kit's evidence either.
        "reviewer": .name, "participant": .name, "holder": .name,
    ]

    /// Fields ending in "name" that name things, not people.
    private static let nonPersonalNames: Set<String> = [
        "coursename", "filename", "hostname", "servicename", "productname", "providername", "platformname",
        "companyname", "schedulename", "bankname", "scopename", "eventname", "tokentype",
    ]
}
