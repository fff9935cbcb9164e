import Foundation
import PrakerjaModels
import PrakerjaPartners

/// The contract's operations over the partner's service: field checks the contract states,
/// masked answers, and `partnerReferenceNo` idempotency for disbursements.
extension PaymentPartnerAdapter {
    func eMoneyInquiry(_ body: EMoneyAccountInquiryRequest) async throws(SNAPError) -> EMoneyAccountInquiryResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        let phone = try Self.phone(body.customerNumber)
        let account = try await lookUp(.eWallet(phone))
        return EMoneyAccountInquiryResponse(
            responseCode: SNAPResponseCode(.success, service: .eMoneyAccountInquiry).description, responseMessage: "Successful",
            referenceNo: Self.reference("INQ"), partnerReferenceNo: body.partnerReferenceNo,
            customerNumber: Masking.phone("62" + phone.nationalNumber),
            customerName: Masking.name(account.holderName),
            additionalInfo: AccountFacts(kycStatus: account.kycStatus, nikMatch: account.holderNIK == body.additionalInfo.nik))
    }

    func bankInquiry(_ body: BankAccountInquiryRequest) async throws(SNAPError) -> BankAccountInquiryResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        let number = try Self.accountNumber(body.beneficiaryAccountNo)
        let account = try await lookUp(.bank(accountNumber: number))
        return BankAccountInquiryResponse(
            responseCode: SNAPResponseCode(.success, service: .bankAccountInquiry).description, responseMessage: "Successful",
            referenceNo: Self.reference("INQ"), partnerReferenceNo: body.partnerReferenceNo, beneficiaryAccountNo: Masking.accountNumber(number),
            beneficiaryAccountName: Masking.name(account.holderName),
            additionalInfo: AccountFacts(kycStatus: account.kycStatus, nikMatch: account.holderNIK == body.additionalInfo.nik))
    }

    func topUp(_ body: TopUpRequest) async throws(SNAPError) -> TopUpResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        try Self.checkLength(body.notes, maximum: 256, field: "notes")
        try Self.checkMonth(body.additionalInfo.incentiveMonth)
        let phone = try Self.phone(body.customerNumber)
        let record = try await disburseOnce(
            Disbursement(
                partnerReferenceNo: body.partnerReferenceNo, channel: .topUp, account: .eWallet(phone), customerName: body.customerName,
                amount: body.amount.rupiah, fee: body.feeAmount.rupiah, recipientNIK: body.additionalInfo.nik,
                incentiveMonth: body.additionalInfo.incentiveMonth, transactionDate: body.transactionDate, notes: body.notes))
        return TopUpResponse(
            responseCode: SNAPResponseCode(.success, service: .topUp).description, responseMessage: "Successful", referenceNo: record.referenceNo,
            partnerReferenceNo: body.partnerReferenceNo, customerNumber: Masking.phone("62" + phone.nationalNumber),
            customerName: Masking.name(record.holderName), amount: SNAPAmount(record.credited), feeAmount: SNAPAmount(record.fee),
            transactionDate: record.disbursement.transactionDate)
    }

    func transfer(_ body: TransferRequest) async throws(SNAPError) -> TransferResponse {
        try Self.checkReference(body.partnerReferenceNo, field: "partnerReferenceNo")
        try Self.checkLength(body.remark, maximum: 50, field: "remark")
        try Self.checkMonth(body.additionalInfo.incentiveMonth)
        let number = try Self.accountNumber(body.beneficiaryAccountNo)
        let record = try await disburseOnce(
            Disbursement(
                partnerReferenceNo: body.partnerReferenceNo, channel: .intrabankTransfer, account: .bank(accountNumber: number), customerName: nil,
                amount: body.amount.rupiah, fee: .zero, recipientNIK: body.additionalInfo.nik, incentiveMonth: body.additionalInfo.incentiveMonth,
                transactionDate: body.transactionDate, notes: body.remark))
        return TransferResponse(
            responseCode: SNAPResponseCode(.success, service: .intrabankTransfer).description, responseMessage: "Successful",
            referenceNo: record.referenceNo, partnerReferenceNo: body.partnerReferenceNo, amount: SNAPAmount(record.credited),
            beneficiaryAccountNo: Masking.accountNumber(number), transactionDate: record.disbursement.transactionDate)
    }

    func status(_ body: StatusRequest, channel: DisbursementChannel) async throws(SNAPError) -> StatusResponse {
        try Self.checkReference(body.originalPartnerReferenceNo, field: "originalPartnerReferenceNo")
        guard body.serviceCode == channel.service.rawValue else {
            throw SNAPError(.invalidFieldFormat, "serviceCode must be \(channel.service.rawValue)")
        }
        let record: DisbursementRecord?
        do {
            record = try await service.disbursement(partnerReferenceNo: body.originalPartnerReferenceNo)
        } catch {
            throw serviceFailure("status inquiry", error)
        }
        guard let record, record.disbursement.channel == channel, body.originalReferenceNo == nil || body.originalReferenceNo == record.referenceNo
        else {
            throw SNAPError(.transactionNotFound)
        }
        return StatusResponse(
            responseCode: SNAPResponseCode(.success, service: channel.statusService).description, responseMessage: "Successful",
            originalPartnerReferenceNo: body.originalPartnerReferenceNo, originalReferenceNo: record.referenceNo, serviceCode: body.serviceCode,
            latestTransactionStatus: record.status.rawValue, transactionStatusDesc: record.status.label,
            amount: SNAPAmount(record.credited), feeAmount: SNAPAmount(record.fee))
    }

    func lookUp(_ reference: AccountReference) async throws(SNAPError) -> PaymentAccount {
        let account: PaymentAccount?
        do {
            account = try await service.account(reference)
        } catch {
            throw serviceFailure("account lookup", error)
        }
        guard let account else { throw SNAPError(.invalidAccount) }
        return account
    }

    /// Pays `disbursement` once: concurrent requests with its reference wait; a retry gets the original.
    func disburseOnce(_ disbursement: Disbursement) async throws(SNAPError) -> DisbursementRecord {
        let outcome: Result<(record: DisbursementRecord, isNew: Bool), SNAPError>
        do {
            outcome = try await exclusion.run(disbursement.partnerReferenceNo) { [service] in
                if let existing = try await service.disbursement(partnerReferenceNo: disbursement.partnerReferenceNo) {
                    guard existing.disbursement.isRetry(of: disbursement) else {
                        return .failure(SNAPError(.duplicatePartnerReference, "partnerReferenceNo was used for another disbursement"))
                    }
                    return .success((existing, false))
                }
                do {
                    return .success((try await service.disburse(disbursement), true))
                } catch let refusal as DisbursementRefusal {
                    return .failure(SNAPError(refusal.outcome, refusal.description))
                }
            }
        } catch {
            throw serviceFailure("disbursement", error)
        }
        let (record, isNew) = try outcome.get()
        if isNew, let target = configuration.notifications { notify(target, record) }
        return record
    }

    /// The answer to the partner's own service failing: 500xx00 with no detail (a response names
    /// no internals); the detail goes to the log.
    func serviceFailure(_ step: String, _ error: any Error) -> SNAPError {
        logger.error("\(step) failed", metadata: ["error": "\(error)"])
        return SNAPError(.generalError)
    }

    // MARK: Field checks

    static func checkReference(_ value: String, field: String) throws(SNAPError) {
        guard !value.isEmpty else { throw SNAPError(.invalidMandatoryField, field) }
        guard value.utf8.count <= 64 else { throw SNAPError(.invalidFieldFormat, field) }
    }

    /// A free-text field within the contract's maxLength (in characters).
    static func checkLength(_ value: String?, maximum: Int, field: String) throws(SNAPError) {
        guard let value, value.count > maximum else { return }
        throw SNAPError(.invalidFieldFormat, field)
    }

    /// One of the incentive's four months (the contract's `incentiveMonth`, 1-4).
    static func checkMonth(_ month: Int) throws(SNAPError) {
        guard (1...IncentivePolicy.program2021.months).contains(month) else { throw SNAPError(.invalidFieldFormat, "additionalInfo.incentiveMonth") }
    }

    static func phone(_ text: String) throws(SNAPError) -> PhoneNumber {
        do { return try PhoneNumber(text) } catch { throw SNAPError(.invalidFieldFormat, "customerNumber") }
    }

    static func accountNumber(_ text: String) throws(SNAPError) -> String {
        guard (6...20).contains(text.utf8.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw SNAPError(.invalidFieldFormat, "beneficiaryAccountNo")
        }
        return text
    }

    static func reference(_ prefix: String) -> String {
        prefix + String((0..<14).map { _ in "0123456789".randomElement()! })
    }
}
