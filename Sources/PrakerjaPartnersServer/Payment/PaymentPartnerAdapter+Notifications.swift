import Foundation
import PrakerjaClient
import PrakerjaModels
import PrakerjaPartners
import PrakerjaSigning

extension PaymentPartnerAdapter {
    /// Sends the signed notification for a new disbursement, in the background.
    func notify(_ target: NotificationTarget, _ record: DisbursementRecord) {
        let notification = TopUpNotification(
            partnerReferenceNo: record.disbursement.partnerReferenceNo, referenceNo: record.referenceNo,
            serviceCode: record.disbursement.channel.service.rawValue, latestTransactionStatus: record.status.rawValue,
            amount: SNAPAmount(record.credited), transactionDate: record.disbursement.transactionDate)
        let clock = configuration.clock, logger = logger
        Task {
            do {
                let body = try StreamingJSONEncoder().encode(notification)
                let path = URLComponents(string: target.url)?.path ?? "/"
                let signed = try SNAPAsymmetricSignature.notificationHeaders(
                    privateKey: target.privateKey, method: "POST", path: path, body: body, timestamp: SNAPTimestamp.format(clock.now()))
                let response = try await target.transport.send(
                    TransportRequest(method: "POST", url: target.url, headers: signed.fields + [("X-PARTNER-ID", target.partnerID)], body: body),
                    timeout: .seconds(10))
                logger.info("notification sent", metadata: ["reference": "\(record.referenceNo)", "status": "\(response.status)"])
            } catch {
                logger.warning("notification failed", metadata: ["reference": "\(record.referenceNo)", "error": "\(error)"])
            }
        }
    }
}
