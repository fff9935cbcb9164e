import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

/// How the payment suite talks to a partner: SNAP calls to the contract's operations, signed by
/// the kit itself so a check can send exactly the wrong thing (a stale timestamp, a bad
/// signature, a reused X-EXTERNAL-ID), through the run's probe transport.
struct PaymentProbe: Sendable {
    typealias Answer = ProbeAnswer

    let context: CheckContext
    let client: PaymentPartnerClient
    let clientID: String
    let signer: SNAPSymmetricSignature
    let channelID: String
    /// The program's key, for token requests a check signs itself.
    let privateKey: SNAPPrivateKey

    init(_ context: CheckContext) throws {
        guard case .snap(let clientID, let secret, let pem, let channelID, _) = context.config.credentials else {
            throw CheckError.kit("the payment suite needs SNAP credentials (clientID, clientSecret, privateKey)")
        }
        let key: SNAPPrivateKey
        do { key = try SNAPPrivateKey(pem: pem) } catch { throw CheckError.kit("credentials.privateKey: \(error)") }
        self.context = context
        self.clientID = clientID
        self.channelID = channelID
        self.signer = SNAPSymmetricSignature(clientSecret: secret)
        self.privateKey = key
        self.client = context.shared("payment-partner-client") {
            PaymentPartnerClient(
                baseURL: context.config.baseURL, clientID: clientID, clientSecret: secret, privateKey: key,
                channelID: channelID, transport: context.transport, timeout: context.config.limits.requestTimeout)
        }
    }

    /// The contract's operation, or a kit error if the contract lacks it.
    func operation(_ id: String) throws -> ContractOperation {
        guard let operation = context.contract.operation(id: id) else { throw CheckError.kit("the contract has no operation \(id)") }
        return operation
    }

    /// What a check may change about a signed call.
    struct Tampering: Sendable {
        var timestamp: Date?
        var externalID: String?
        var signature: String?
        /// A bearer token other than the one the partner issued (correctly signed over).
        var token: String?
        /// Leave out `Authorization` (every other header present, the signature right for the token).
        var withoutToken = false
        /// Sign these bytes but send the call's body (for a body that cannot be signed, not being JSON).
        var signedBody: [UInt8]?
        /// The Content-Type to send instead of `application/json`.
        var contentType: String?
        /// The X-PARTNER-ID to send instead of the client the token was issued to.
        var partnerID: String?
        /// The UTC offset X-TIMESTAMP is written in (Jakarta's, +07:00, unless set): any offset is ISO-8601.
        var utcOffsetSeconds: Int?
        /// The right signature changed where a prefix comparison would not look: its last full base64 digit.
        var signatureWrongAtTheEnd = false
        /// Send the token as `Authorization: <token>`, without the `Bearer` scheme.
        var withoutBearerScheme = false
    }

    /// A signed transaction call to `operationID` with `body`; `tampering` changes what a check tests.
    func call(_ operationID: String, _ body: [UInt8], tampering: Tampering = Tampering()) async throws -> Answer {
        let operation = try operation(operationID)
        let token: String
        if let tampered = tampering.token { token = tampered } else { token = try await client.accessToken() }
        let timestamp = SNAPTimestamp.format(
            tampering.timestamp ?? Date(), utcOffsetSeconds: tampering.utcOffsetSeconds ?? CalendarDate.wibOffsetSeconds)
        var headers: [(name: String, value: String)]
        do {
            headers = try signer.headers(
                method: operation.method, path: operation.template, accessToken: token, body: tampering.signedBody ?? body, timestamp: timestamp,
                partnerID: tampering.partnerID ?? clientID, externalID: tampering.externalID ?? PaymentPartnerClient.newExternalID(),
                channelID: channelID
            ).fields
        } catch {
            throw CheckError.kit("the kit could not sign the request: \(error)")
        }
        if let signature = tampering.signature {
            headers = headers.map { $0.name == SNAPSymmetricSignature.signatureHeader ? ($0.name, signature) : $0 }
        }
        if tampering.signatureWrongAtTheEnd {
            headers = headers.map { $0.name == SNAPSymmetricSignature.signatureHeader ? ($0.name, Self.wrongAtTheEnd($0.value)) : $0 }
        }
        if tampering.withoutBearerScheme {
            headers = headers.map { $0.name == "Authorization" ? ($0.name, String($0.value.dropFirst("Bearer ".count))) : $0 }
        }
        if let contentType = tampering.contentType {
            headers = headers.map { $0.name.lowercased() == "content-type" ? ($0.name, contentType) : $0 }
        }
        if tampering.withoutToken { headers.removeAll { $0.name == "Authorization" } }
        return try await send(operation, headers: headers, body: body)
    }

    /// `signature` (base64) with the first digit of its last four changed: that digit always
    /// carries six bits of the signature, so the bytes differ, and everything before it is right.
    static func wrongAtTheEnd(_ signature: String) -> String {
        var digits = Array(signature.utf8)
        guard digits.count >= 4 else { return signature + "A" }
        let index = digits.count - 4
        digits[index] = digits[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return String(decoding: digits, as: UTF8.self)
    }

    /// A token request signed correctly with the program's key at `timestamp`.
    func tokenRequest(at timestamp: Date) async throws -> Answer {
        let headers: [(name: String, value: String)]
        do {
            headers = try SNAPAsymmetricSignature.tokenHeaders(privateKey: privateKey, clientID: clientID, timestamp: SNAPTimestamp.format(timestamp))
                .fields
        } catch {
            throw CheckError.kit("the kit could not sign a token request: \(error)")
        }
        return try await send(try operation("access-token"), headers: headers, body: Array(#"{"grantType":"client_credentials"}"#.utf8))
    }

    /// Sends exactly these headers and body.
    func send(_ operation: ContractOperation, headers: [(name: String, value: String)], body: [UInt8]) async throws -> Answer {
        try await ProbeAnswer.send(
            TransportRequest(method: operation.method, url: context.config.baseURL + operation.template, headers: headers, body: body),
            as: operation, in: context)
    }

    // MARK: Requests from the config's fixtures

    /// A wallet or account from `fixtures`: its number and the recipient's NIK.
    struct Account: Sendable {
        let number: String
        let nik: NIK
        let name: String
    }

    func account(_ key: String, number field: String) throws -> Account {
        let number = try context.fixtureText("\(key).\(field)")
        let nikText = try context.fixtureText("\(key).nik")
        let nik: NIK
        do { nik = try NIK(nikText) } catch { throw CheckError.kit("fixtures.\(key).nik: \(error.reason)") }
        return Account(number: number, nik: nik, name: (try? context.fixtureText("\(key).name")) ?? "Penerima Prakerja")
    }

    func topUpBody(_ account: Account, reference: String, amount: Rupiah = 600_000, fee: Rupiah = .zero, month: Int = 1) throws -> [UInt8] {
        try Self.encode(
            TopUpRequest(
                partnerReferenceNo: reference, customerNumber: account.number, customerName: account.name,
                amount: SNAPAmount(amount), feeAmount: SNAPAmount(fee), transactionDate: SNAPTimestamp.format(Date()),
                notes: "Insentif Kartu Prakerja bulan ke-\(month)",
                additionalInfo: DisbursementInfo(nik: account.nik, incentiveMonth: month)))
    }

    func transferBody(_ account: Account, reference: String, amount: Rupiah = 600_000, month: Int = 1) throws -> [UInt8] {
        try Self.encode(
            TransferRequest(
                partnerReferenceNo: reference, amount: SNAPAmount(amount), beneficiaryAccountNo: account.number,
                remark: "Insentif Prakerja \(month)/4", transactionDate: SNAPTimestamp.format(Date()),
                additionalInfo: DisbursementInfo(nik: account.nik, incentiveMonth: month)))
    }

    func walletInquiryBody(_ account: Account) throws -> [UInt8] {
        try Self.encode(
            EMoneyAccountInquiryRequest(
                partnerReferenceNo: context.uniqueReference("INQ"), customerNumber: account.number,
                additionalInfo: RecipientInfo(nik: account.nik)))
    }

    func bankInquiryBody(_ account: Account) throws -> [UInt8] {
        try Self.encode(
            BankAccountInquiryRequest(
                partnerReferenceNo: context.uniqueReference("INQ"), beneficiaryAccountNo: account.number,
                additionalInfo: RecipientInfo(nik: account.nik)))
    }

    /// The status inquiry for a disbursement made through `operation` (its service code).
    func statusBody(reference: String, of operation: ContractOperation) throws -> [UInt8] {
        try Self.encode(StatusRequest(originalPartnerReferenceNo: reference, serviceCode: operation.serviceCode ?? ""))
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        do { return try StreamingJSONEncoder().encode(value) } catch { throw CheckError.kit("the kit could not encode its request: \(error)") }
    }

    /// A masked name shows at most the first letter of each word (`S*** R********`).
    static func isMaskedName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        return !words.isEmpty && words.allSatisfy { word in word.dropFirst().allSatisfy { $0 == "*" } && (word.count == 1 || word.contains("*")) }
    }
}

extension ProbeAnswer {
    /// SNAP's 7-digit code.
    var responseCode: String? { text("responseCode") }

    /// Whether this is a SNAP success, by status and the 7-digit code.
    var succeeded: Bool { (200..<300).contains(status) && (responseCode?.hasPrefix("200") ?? false) }

    /// The amount at `key` as written (`"600000.00"`, or a number's JSON text).
    func amount(_ key: String) -> String? { if case .string(let text)? = json?[key]?["value"] { text } else { json?[key]?["value"]?.serialized } }

    /// The amount at `key` as rupiah, read leniently (a string or a number): how much, whatever the form.
    func rupiah(_ key: String) -> Rupiah? {
        guard let value = json?[key]?["value"] else { return nil }
        let text = if case .string(let text) = value { text } else { value.serialized }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.dropFirst().allSatisfy({ $0.allSatisfy { $0 == "0" } }), let whole = Int64(parts[0]) else {
            return nil
        }
        return try? Rupiah(whole)
    }
}
