import Foundation
import PrakerjaClient
import PrakerjaSigning

/// The `notification-misreports` defect: the partner's notifications go out saying a failed
/// Rp1.00 transaction, whatever was paid, signed correctly over what they now say, so the
/// signature check passes and only the content is wrong.
struct MisreportingNotifications: PrakerjaTransport {
    let base: any PrakerjaTransport
    let privateKey: SNAPPrivateKey

    func send(_ request: TransportRequest, timeout: Duration) async throws(TransportError) -> TransportResponse {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any],
            let body = try? JSONSerialization.data(withJSONObject: misreported(&object), options: [.sortedKeys]),
            let path = URLComponents(string: request.url)?.path,
            let signed = try? SNAPAsymmetricSignature.notificationHeaders(
                privateKey: privateKey, method: request.method, path: path, body: Array(body), timestamp: SNAPTimestamp.format(Date()))
        else { return try await base.send(request, timeout: timeout) }
        var misreported = request
        misreported.body = Array(body)
        misreported.headers = signed.fields + request.headers.filter { header in !signed.fields.contains { $0.name == header.name } }
        return try await base.send(misreported, timeout: timeout)
    }

    private func misreported(_ object: inout [String: Any]) -> [String: Any] {
        object["latestTransactionStatus"] = "06"
        object["amount"] = ["value": "1.00", "currency": "IDR"]
        return object
    }
}
