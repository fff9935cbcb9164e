import ArgumentParser
import Foundation
import PrakerjaClient
import PrakerjaConformance
import PrakerjaModels

/// `prakerja api`: calls one endpoint of the program's API, signed, and prints the response.
struct APICommand: RunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Call an endpoint of the program's integration API, signed; print the response envelope.",
        discussion: """
            Fields are NAME=VALUE (a string; digits are sent as a number where the endpoint wants one)
            or NAME:=JSON (sent as given). The request is checked against the endpoint's contract before
            it is sent. Exit 0 on success, 1 on an error envelope, 2 on bad usage, 3 if the API cannot be reached.

            Operations: \(Operations.all.map(\.id).joined(separator: ", ")).

            Examples:
              prakerja api redeem-status --client-code LPSANDBOX01 \\
                --sign-key lp-sandbox-sign-key-01 redeem_code=PRAT-TC1-001-200 sequence=1
              prakerja api check-quota --base-url sandbox --client-code DP1 --sign-key @dp.key \\
                course_code=C1 schedule_code=S1
            """
    )

    @Argument(help: "The operation, e.g. redeem-status.")
    var operation: String

    @Argument(help: "The request's fields: NAME=VALUE or NAME:=JSON.")
    var fields: [String] = []

    @Option(help: "local (http://127.0.0.1:8080, default), sandbox, production, or a base URL.")
    var baseURL = "local"

    @Option(help: "The partner's client_code.")
    var clientCode: String

    @Option(help: "The partner's sign_key (a value, @file, or - for stdin).")
    var signKey: String

    @Option(help: "authorize-payment: the payment token from send-payment-otp.")
    var paymentToken: String?

    @Option(help: "Seconds to wait for the response.")
    var timeout: Int = 15

    func execute(io: CommandIO) async throws(CommandFailure) -> Int32 {
        guard let operation = Operations.named(operation) else {
            throw .usage("unknown operation \"\(self.operation)\" (one of \(Operations.all.map(\.id).joined(separator: ", ")))")
        }
        guard timeout > 0 else { throw .usage("--timeout must be positive") }
        let environment = try Self.environment(baseURL)
        let body = try Self.requestBody(fields, for: operation)
        let client = PrakerjaClient(
            environment: environment, clientCode: clientCode,
            signKey: try InputSource.secret(signKey, option: "--sign-key", io: io))
        let headers = paymentToken.map { [("Authorization", "Payment \($0)")] } ?? []
        do {
            let response = try await client.sendEncoded(operation, body: body, headers: headers, timeout: .seconds(timeout))
            io.print(Self.pretty(response))
            return ExitStatus.passed
        } catch {
            switch error.kind {
            case .invalidRequest:
                throw .usage(error.message)
            case .transport, .timeout:
                io.printError("prakerja api: cannot reach \(environment): \(error.message)")
                return ExitStatus.unjudged
            default:
                if let body = error.responseBody { io.print(Self.pretty(Array(body.utf8))) }
                io.printError("prakerja api: \(error)")
                return error.kind == .refused ? ExitStatus.failed : ExitStatus.unjudged
            }
        }
    }

    static func environment(_ text: String) throws(CommandFailure) -> PrakerjaEnvironment {
        switch text {
        case "local": return try! PrakerjaEnvironment(baseURL: "http://127.0.0.1:8080")
        case "sandbox": return .sandbox
        case "production": return .production
        default:
            do { return try PrakerjaEnvironment(baseURL: text) } catch { throw .usage("--base-url: \(error.message)") }
        }
    }

    /// The request body: fields checked against the operation's request type, then encoded once.
    static func requestBody(_ fields: [String], for operation: any AnyIntegrationOperation) throws(CommandFailure) -> [UInt8] {
        var object: [String: Any] = [:]
        for field in fields {
            if let range = field.range(of: ":=") {
                let name = String(field[..<range.lowerBound]), json = String(field[range.upperBound...])
                guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
                    throw .usage("\(name):= must be followed by JSON, got \(json.prefix(40))")
                }
                object[name] = value
            } else if let equals = field.firstIndex(of: "=") {
                object[String(field[..<equals])] = String(field[field.index(after: equals)...])
            } else {
                throw .usage("field \"\(field.prefix(40))\" must be NAME=VALUE or NAME:=JSON")
            }
        }
        // Strings made of digits become numbers where the contract wants a number.
        for _ in 0...object.count {
            do {
                let data = try JSONSerialization.data(withJSONObject: object)
                return try PrakerjaClient.encodeRequest(decoding: operation.requestType, from: Array(data))
            } catch let error as DecodingError {
                if case .typeMismatch(_, let context) = error, let key = context.codingPath.first?.stringValue, context.codingPath.count == 1,
                    let text = object[key] as? String, let number = Int64(text)
                {
                    object[key] = number
                    continue
                }
                throw .usage("\(operation.id): \(PrakerjaModels.FieldError(error))")
            } catch {
                throw .usage("\(operation.id): \(error)")
            }
        }
        throw .usage("\(operation.id): the fields do not fit the request")
    }

    static func pretty(_ body: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }
}
