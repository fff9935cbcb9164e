import PrakerjaModels

/// What every SNAP response carries, success or not.
public struct SNAPFailure: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String

    public init(responseCode: String, responseMessage: String) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
    }
}

/// `POST /v1.0/access-token/b2b` body.
public struct AccessTokenRequest: Codable, Sendable, Hashable {
    public let grantType: String
    public init(grantType: String = "client_credentials") { self.grantType = grantType }
}

/// A B2B access token.
public struct AccessTokenResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let accessToken: String
    public let tokenType: String
    /// Seconds, as a string.
    public let expiresIn: String

    public init(responseCode: String, responseMessage: String, accessToken: String, tokenType: String, expiresIn: String) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
    }
}

/// The recipient's NIK, sent so the partner can compare it with the account holder's.
public struct RecipientInfo: Codable, Sendable, Hashable {
    public let nik: NIK
    public init(nik: NIK) { self.nik = nik }
}

/// What an inquiry tells about the account: its KYC status and whether the NIKs match.
public struct AccountFacts: Codable, Sendable, Hashable {
    public let kycStatus: KYCStatus
    public let nikMatch: Bool
    public init(kycStatus: KYCStatus, nikMatch: Bool) {
        self.kycStatus = kycStatus
        self.nikMatch = nikMatch
    }
}

/// `POST /v1.0/emoney/account-inquiry` body.
public struct EMoneyAccountInquiryRequest: Codable, Sendable, Hashable {
    public let partnerReferenceNo: String
    public let customerNumber: String
    public let amount: SNAPAmount?
    public let additionalInfo: RecipientInfo

    public init(partnerReferenceNo: String, customerNumber: String, amount: SNAPAmount? = nil, additionalInfo: RecipientInfo) {
        self.partnerReferenceNo = partnerReferenceNo
        self.customerNumber = customerNumber
        self.amount = amount
        self.additionalInfo = additionalInfo
    }

    private enum CodingKeys: String, CodingKey { case partnerReferenceNo, customerNumber, amount, additionalInfo }
}

/// An e-wallet account, masked.
public struct EMoneyAccountInquiryResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let referenceNo: String
    public let partnerReferenceNo: String
    public let customerNumber: String
    public let customerName: String
    public let additionalInfo: AccountFacts

    public init(
        responseCode: String, responseMessage: String, referenceNo: String, partnerReferenceNo: String, customerNumber: String,
        customerName: String, additionalInfo: AccountFacts
    ) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.referenceNo = referenceNo
        self.partnerReferenceNo = partnerReferenceNo
        self.customerNumber = customerNumber
        self.customerName = customerName
        self.additionalInfo = additionalInfo
    }
}

/// `POST /v1.0/account-inquiry-internal` body.
public struct BankAccountInquiryRequest: Codable, Sendable, Hashable {
    public let partnerReferenceNo: String
    public let beneficiaryAccountNo: String
    public let additionalInfo: RecipientInfo

    public init(partnerReferenceNo: String, beneficiaryAccountNo: String, additionalInfo: RecipientInfo) {
        self.partnerReferenceNo = partnerReferenceNo
        self.beneficiaryAccountNo = beneficiaryAccountNo
        self.additionalInfo = additionalInfo
    }
}

/// A bank account, masked.
public struct BankAccountInquiryResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let referenceNo: String
    public let partnerReferenceNo: String
    public let beneficiaryAccountNo: String
    public let beneficiaryAccountName: String
    public let additionalInfo: AccountFacts

    public init(
        responseCode: String, responseMessage: String, referenceNo: String, partnerReferenceNo: String,
        beneficiaryAccountNo: String, beneficiaryAccountName: String, additionalInfo: AccountFacts
    ) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.referenceNo = referenceNo
        self.partnerReferenceNo = partnerReferenceNo
        self.beneficiaryAccountNo = beneficiaryAccountNo
        self.beneficiaryAccountName = beneficiaryAccountName
        self.additionalInfo = additionalInfo
    }
}

/// The recipient and which monthly payment a disbursement is.
public struct DisbursementInfo: Codable, Sendable, Hashable {
    public let nik: NIK
    /// 1 to 4.
    public let incentiveMonth: Int

    public init(nik: NIK, incentiveMonth: Int) {
        self.nik = nik
        self.incentiveMonth = incentiveMonth
    }
}

/// `POST /v1.0/emoney/topup` body.
public struct TopUpRequest: Codable, Sendable, Hashable {
    public let partnerReferenceNo: String
    public let customerNumber: String
    public let customerName: String
    public let amount: SNAPAmount
    public let feeAmount: SNAPAmount
    public let transactionDate: String
    public let notes: String?
    public let additionalInfo: DisbursementInfo

    public init(
        partnerReferenceNo: String, customerNumber: String, customerName: String, amount: SNAPAmount, feeAmount: SNAPAmount,
        transactionDate: String, notes: String?, additionalInfo: DisbursementInfo
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.customerNumber = customerNumber
        self.customerName = customerName
        self.amount = amount
        self.feeAmount = feeAmount
        self.transactionDate = transactionDate
        self.notes = notes
        self.additionalInfo = additionalInfo
    }

    private enum CodingKeys: String, CodingKey {
        case partnerReferenceNo, customerNumber, customerName, amount, feeAmount, transactionDate, notes, additionalInfo
    }
}

/// A top-up's result (the original one, for a retry).
public struct TopUpResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let referenceNo: String
    public let partnerReferenceNo: String
    public let customerNumber: String
    public let customerName: String
    public let amount: SNAPAmount
    public let feeAmount: SNAPAmount
    public let transactionDate: String

    public init(
        responseCode: String, responseMessage: String, referenceNo: String, partnerReferenceNo: String, customerNumber: String,
        customerName: String, amount: SNAPAmount, feeAmount: SNAPAmount, transactionDate: String
    ) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.referenceNo = referenceNo
        self.partnerReferenceNo = partnerReferenceNo
        self.customerNumber = customerNumber
        self.customerName = customerName
        self.amount = amount
        self.feeAmount = feeAmount
        self.transactionDate = transactionDate
    }
}

/// `POST /v1.0/transfer-intrabank` body.
public struct TransferRequest: Codable, Sendable, Hashable {
    public let partnerReferenceNo: String
    public let amount: SNAPAmount
    public let beneficiaryAccountNo: String
    public let remark: String?
    public let transactionDate: String
    public let additionalInfo: DisbursementInfo

    public init(
        partnerReferenceNo: String, amount: SNAPAmount, beneficiaryAccountNo: String, remark: String?, transactionDate: String,
        additionalInfo: DisbursementInfo
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.amount = amount
        self.beneficiaryAccountNo = beneficiaryAccountNo
        self.remark = remark
        self.transactionDate = transactionDate
        self.additionalInfo = additionalInfo
    }

    private enum CodingKeys: String, CodingKey { case partnerReferenceNo, amount, beneficiaryAccountNo, remark, transactionDate, additionalInfo }
}

/// A transfer's result (the original one, for a retry).
public struct TransferResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let referenceNo: String
    public let partnerReferenceNo: String
    public let amount: SNAPAmount
    public let beneficiaryAccountNo: String
    public let transactionDate: String

    public init(
        responseCode: String, responseMessage: String, referenceNo: String, partnerReferenceNo: String, amount: SNAPAmount,
        beneficiaryAccountNo: String, transactionDate: String
    ) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.referenceNo = referenceNo
        self.partnerReferenceNo = partnerReferenceNo
        self.amount = amount
        self.beneficiaryAccountNo = beneficiaryAccountNo
        self.transactionDate = transactionDate
    }
}

/// `POST /v1.0/emoney/topup-status` and `/v1.0/transfer/status` body.
public struct StatusRequest: Codable, Sendable, Hashable {
    public let originalPartnerReferenceNo: String
    public let originalReferenceNo: String?
    /// `38` for a top-up, `17` for a transfer.
    public let serviceCode: String

    public init(originalPartnerReferenceNo: String, originalReferenceNo: String? = nil, serviceCode: String) {
        self.originalPartnerReferenceNo = originalPartnerReferenceNo
        self.originalReferenceNo = originalReferenceNo
        self.serviceCode = serviceCode
    }

    private enum CodingKeys: String, CodingKey { case originalPartnerReferenceNo, originalReferenceNo, serviceCode }
}

/// Where a disbursement stands.
public struct StatusResponse: Codable, Sendable, Hashable {
    public let responseCode: String
    public let responseMessage: String
    public let originalPartnerReferenceNo: String
    public let originalReferenceNo: String
    public let serviceCode: String
    /// `00` success, `03` pending, `06` failed.
    public let latestTransactionStatus: String
    public let transactionStatusDesc: String
    public let amount: SNAPAmount
    public let feeAmount: SNAPAmount

    public init(
        responseCode: String, responseMessage: String, originalPartnerReferenceNo: String, originalReferenceNo: String,
        serviceCode: String, latestTransactionStatus: String, transactionStatusDesc: String, amount: SNAPAmount, feeAmount: SNAPAmount
    ) {
        self.responseCode = responseCode
        self.responseMessage = responseMessage
        self.originalPartnerReferenceNo = originalPartnerReferenceNo
        self.originalReferenceNo = originalReferenceNo
        self.serviceCode = serviceCode
        self.latestTransactionStatus = latestTransactionStatus
        self.transactionStatusDesc = transactionStatusDesc
        self.amount = amount
        self.feeAmount = feeAmount
    }
}

/// The partner's signed report of a disbursement's final status, sent to the program.
public struct TopUpNotification: Codable, Sendable, Hashable {
    public let partnerReferenceNo: String
    public let referenceNo: String
    public let serviceCode: String
    public let latestTransactionStatus: String
    public let amount: SNAPAmount
    public let transactionDate: String

    public init(
        partnerReferenceNo: String, referenceNo: String, serviceCode: String, latestTransactionStatus: String, amount: SNAPAmount,
        transactionDate: String
    ) {
        self.partnerReferenceNo = partnerReferenceNo
        self.referenceNo = referenceNo
        self.serviceCode = serviceCode
        self.latestTransactionStatus = latestTransactionStatus
        self.amount = amount
        self.transactionDate = transactionDate
    }
}
