import Foundation
import NIOSSL
import PrakerjaKitFiles
import PrakerjaModels
import PrakerjaSchema

/// The roles the kit has suites for, named as in `Specs/<role>.openapi.yaml`.
public enum PartnerRole: String, Sendable, CaseIterable, Codable {
    case paymentPartner = "payment-partner"
    case jobPortal = "job-portal"
    case trainingProvider = "training-provider"
    case digitalPlatform = "digital-platform"

    /// The role's contract, relative to the repository root.
    public var contractPath: String { "Specs/\(rawValue).openapi.yaml" }
}

/// How the kit authenticates to the partner.
public enum PartnerCredentials: Sendable {
    /// SNAP BI, for a payment partner: the program's client ID and secret at the partner, the
    /// program's RSA private key (PEM) for access-token requests, and the partner's RSA public key
    /// (PEM) its notifications are verified with, when given.
    case snap(clientID: String, clientSecret: String, privateKeyPEM: String, channelID: String, partnerPublicKeyPEM: String?)
    /// The program's header scheme, for the other roles.
    case program(clientCode: String, signKey: String)
}

/// Everything the kit needs to check one partner, read from a YAML file (`Conformance/configs/`,
/// keys documented in `Conformance/configs/README.md`). Secrets come from environment variables or
/// files and are never printed.
public struct PartnerConfig: Sendable {
    public var name: String
    public var role: PartnerRole
    public var baseURL: String
    /// The contract file the suites load.
    public var contractPath: String
    public var credentials: PartnerCredentials
    /// Role-specific test accounts and data (`fixtures.verifiedWallet`...), as written.
    public var fixtures: JSONValue
    public var limits: ProbeTransport.Limits
    /// How many checks run at once.
    public var concurrency: Int
    /// How long one check may take in all.
    public var checkTimeout: Duration
    /// How long a slow check waits before it sends a request again (a replay must still be
    /// refused then): a partner whose memory is shorter gets caught.
    public var replayWait: Duration = .seconds(65)
    public var latency: LatencyObjective
    /// When the partner accepts test traffic, in Jakarta time (nil: any time).
    public var testWindow: TestWindow?
    /// Variant options a suite understands (`options.channels`...).
    public var options: JSONValue
    /// Where the kit listens for the partner's own calls to the program (a payment partner's
    /// signed notifications); the partner must be configured to send them there.
    public var notifications: NotificationListener?
    /// Other partners a cross-source check reads (a digital platform's training provider), from
    /// their own config files.
    public var related: [PartnerConfig]
    /// What the TLS checks trust and warn about (an https base URL only).
    public var tls = TLSOptions()

    public init(
        name: String, role: PartnerRole, baseURL: String, contractPath: String, credentials: PartnerCredentials,
        fixtures: JSONValue = .object([]), limits: ProbeTransport.Limits = .init(), concurrency: Int = 4,
        checkTimeout: Duration = .seconds(120), latency: LatencyObjective = .init(), testWindow: TestWindow? = nil,
        options: JSONValue = .object([]), related: [PartnerConfig] = []
    ) {
        self.name = name
        self.role = role
        self.baseURL = baseURL
        self.contractPath = contractPath
        self.credentials = credentials
        self.fixtures = fixtures
        self.limits = limits
        self.concurrency = concurrency
        self.checkTimeout = checkTimeout
        self.latency = latency
        self.testWindow = testWindow
        self.options = options
        self.related = related
        self.notifications = nil
    }

    /// Sets the top-level fixture `key` (the demo fills in test data that depends on the day).
    public mutating func setFixture(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = fixtures else {
            fixtures = .object([(key, value)])
            return
        }
        members.removeAll { $0.key == key }
        members.append((key, value))
        fixtures = .object(members)
    }

    /// Whether the config gives a check's declared input: `fixtures.<key>` or `related.<role>`.
    public func provides(_ input: String) -> Bool {
        if input.hasPrefix("related.") { return related.contains { "related." + $0.role.rawValue == input } }
        if input == "notifications" { return notifications != nil }
        return fixture(input.hasPrefix("fixtures.") ? String(input.dropFirst("fixtures.".count)) : input) != nil
    }

    /// The fixture at a dotted key (`verifiedWallet.nik`), if the config has it.
    public func fixture(_ key: String) -> JSONValue? {
        var value: JSONValue? = fixtures
        for part in key.split(separator: ".") { value = value?[String(part)] }
        if case .null? = value { return nil }
        return value
    }

    /// Reads and checks a config file. Relative paths in it resolve against its folder; the
    /// contract defaults to the role's file under `Specs/` from the current directory.
    public static func load(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> PartnerConfig
    {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let document: JSONValue
        do { document = try SchemaDocument.load(path) } catch { throw ConfigError(file: path, key: "", reason: error.reason) }
        let root = ConfigNode(value: document, key: "", file: path)
        try root.onlyKeys([
            "name", "role", "baseURL", "contract", "credentials", "fixtures", "limits", "latency", "testWindow", "options", "related",
            "notifications", "tls",
        ])

        let roleText = try root.child("role").string()
        guard let role = PartnerRole(rawValue: roleText) else {
            throw root.child("role").error("\"\(roleText)\" is not a role (one of \(PartnerRole.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let baseURL = try root.child("baseURL").string()
        guard let components = URLComponents(string: baseURL), ["http", "https"].contains(components.scheme ?? ""), components.host?.isEmpty == false
        else {
            throw root.child("baseURL").error("expected an http or https URL, like http://127.0.0.1:8181")
        }
        let contract =
            root.child("contract").optionalString().map { URL(fileURLWithPath: $0, relativeTo: directory).path }
            ?? KitFiles.path(role.contractPath)

        let credentials = root.child("credentials")
        let environment = environment
        let parsedCredentials: PartnerCredentials
        switch role {
        case .paymentPartner:
            try credentials.onlyKeys(["clientID", "clientSecret", "privateKey", "channelID", "partnerPublicKey"])
            parsedCredentials = .snap(
                clientID: try credentials.child("clientID").string(),
                clientSecret: try credentials.child("clientSecret").secret(environment: environment, directory: directory),
                privateKeyPEM: try credentials.child("privateKey").secret(environment: environment, directory: directory),
                channelID: credentials.child("channelID").optionalString() ?? "95221",
                partnerPublicKeyPEM: credentials.child("partnerPublicKey").isPresent
                    ? try credentials.child("partnerPublicKey").secret(environment: environment, directory: directory) : nil)
        default:
            try credentials.onlyKeys(["clientCode", "signKey"])
            parsedCredentials = .program(
                clientCode: try credentials.child("clientCode").string(),
                signKey: try credentials.child("signKey").secret(environment: environment, directory: directory))
        }

        let limitsNode = root.child("limits")
        try limitsNode.onlyKeys([
            "requestsPerSecond", "concurrency", "requestTimeoutSeconds", "checkTimeoutSeconds", "maxResponseBytes", "retries", "replayWaitSeconds",
        ])
        let limits = ProbeTransport.Limits(
            requestTimeout: .milliseconds(Int64(try limitsNode.child("requestTimeoutSeconds").number(default: 10, range: 0.1...600) * 1000)),
            maximumResponseBytes: Int(try limitsNode.child("maxResponseBytes").number(default: 4_194_304, range: 1024...1_073_741_824)),
            requestsPerSecond: try limitsNode.child("requestsPerSecond").number(default: 50, range: 0.1...10_000),
            retries: Int(try limitsNode.child("retries").number(default: 2, range: 0...5)))
        let latencyNode = root.child("latency")
        try latencyNode.onlyKeys(["p50Milliseconds", "p95Milliseconds", "samples"])
        let latency = LatencyObjective(
            p50Milliseconds: try latencyNode.child("p50Milliseconds").number(default: 300, range: 1...600_000),
            p95Milliseconds: try latencyNode.child("p95Milliseconds").number(default: 1000, range: 1...600_000),
            samples: Int(try latencyNode.child("samples").number(default: 20, range: 5...1000)))
        var window: TestWindow?
        if let text = root.child("testWindow").optionalString() {
            guard let parsed = TestWindow(text) else {
                throw root.child("testWindow").error("expected HH:MM-HH:MM in Jakarta time, like 08:00-20:00")
            }
            window = parsed
        }
        for key in ["fixtures", "options"] where root.child(key).isPresent {
            guard case .object? = root.child(key).value else { throw root.child(key).error("expected a mapping") }
        }
        var related: [PartnerConfig] = []
        if root.child("related").isPresent {
            guard case .array(let paths)? = root.child("related").value else { throw root.child("related").error("expected a list of config files") }
            for (index, item) in paths.enumerated() {
                guard case .string(let relative) = item else {
                    throw root.child("related").child(String(index)).error("expected a config file's path")
                }
                related.append(try load(URL(fileURLWithPath: relative, relativeTo: directory).path, environment: environment))
            }
        }
        var notifications: NotificationListener?
        let listenerNode = root.child("notifications")
        if listenerNode.isPresent {
            try listenerNode.onlyKeys(["listen", "path", "partnerID"])
            guard
                let listener = NotificationListener(
                    listen: try listenerNode.child("listen").string(),
                    path: listenerNode.child("path").optionalString() ?? "/prakerja/notifications",
                    partnerID: listenerNode.child("partnerID").optionalString())
            else {
                throw listenerNode.child("listen").error("expected HOST:PORT, like 127.0.0.1:18990, and a path starting with /")
            }
            notifications = listener
        }
        let tlsNode = root.child("tls")
        try tlsNode.onlyKeys(["trustRoots", "expiryWarningDays"])
        var tls = TLSOptions(expiryWarningDays: Int(try tlsNode.child("expiryWarningDays").number(default: 30, range: 0...3650)))
        if let path = tlsNode.child("trustRoots").optionalString() {
            let file = URL(fileURLWithPath: path, relativeTo: directory)
            guard let pem = try? String(contentsOf: file, encoding: .utf8) else {
                throw tlsNode.child("trustRoots").error("cannot read \(file.path)")
            }
            guard (try? NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))?.isEmpty == false else {
                throw tlsNode.child("trustRoots").error("\(file.path) holds no PEM certificate")
            }
            tls.trustRootsPEM = pem
        }
        var config = PartnerConfig(
            name: try root.child("name").string(), role: role, baseURL: baseURL, contractPath: contract, credentials: parsedCredentials,
            fixtures: root.child("fixtures").value ?? .object([]), limits: limits,
            concurrency: Int(try limitsNode.child("concurrency").number(default: 4, range: 1...64)),
            checkTimeout: .milliseconds(Int64(try limitsNode.child("checkTimeoutSeconds").number(default: 120, range: 1...3600) * 1000)),
            latency: latency, testWindow: window, options: root.child("options").value ?? .object([]), related: related)
        config.notifications = notifications
        config.tls = tls
        let replayWait = try limitsNode.child("replayWaitSeconds").number(default: 65, range: 1...240)
        guard replayWait + 30 <= Double(config.checkTimeout.components.seconds) else {
            throw limitsNode.child("replayWaitSeconds").error(
                "a check that waits \(Int(replayWait)) s needs a checkTimeoutSeconds of at least \(Int(replayWait) + 30)")
        }
        config.replayWait = .milliseconds(Int64(replayWait * 1000))
        return config
    }
}

/// What the TLS checks trust and when they warn.
public struct TLSOptions: Sendable {
    /// Extra CA certificates to trust (PEM), for a partner whose certificate a private CA issued;
    /// the system's roots are trusted too.
    public var trustRootsPEM: String?
    /// A certificate expiring within this many days is a warning.
    public var expiryWarningDays: Int

    public init(trustRootsPEM: String? = nil, expiryWarningDays: Int = 30) {
        self.trustRootsPEM = trustRootsPEM
        self.expiryWarningDays = expiryWarningDays
    }
}

/// The latency the partner should meet, per operation, and how many samples to take.
public struct LatencyObjective: Sendable {
    public var p50Milliseconds: Double
    public var p95Milliseconds: Double
    public var samples: Int

    public init(p50Milliseconds: Double = 300, p95Milliseconds: Double = 1000, samples: Int = 20) {
        self.p50Milliseconds = p50Milliseconds
        self.p95Milliseconds = p95Milliseconds
        self.samples = samples
    }
}

/// A daily window, in Jakarta time (UTC+7), when the partner accepts test traffic: `08:00-20:00`.
public struct TestWindow: Sendable, CustomStringConvertible {
    public let startMinute: Int
    public let endMinute: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0...24).contains($0[0]) && (0..<60).contains($0[1]) }) else { return nil }
        startMinute = parts[0][0] * 60 + parts[0][1]
        endMinute = parts[1][0] * 60 + parts[1][1]
        guard startMinute < endMinute, endMinute <= 24 * 60 else { return nil }
    }

    /// Whether `date` falls inside the window.
    public func contains(_ date: Date) -> Bool {
        let minute = ((Int(date.timeIntervalSince1970) + 7 * 3600) / 60) % (24 * 60)
        return minute >= startMinute && minute < endMinute
    }

    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60)
    }
}

/// Where the kit receives a partner's notifications: `HOST:PORT` and a path.
public struct NotificationListener: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var path: String
    /// The id the program gave the partner, which its notifications carry in X-PARTNER-ID; when
    /// absent, any non-empty X-PARTNER-ID is accepted.
    public var partnerID: String?

    public init?(listen: String, path: String, partnerID: String? = nil) {
        let parts = listen.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]), (1...65_535).contains(port), path.hasPrefix("/") else { return nil }
        self.host = String(parts[0])
        self.port = port
        self.path = path
        self.partnerID = partnerID
    }

    /// The URL the partner sends notifications to.
    public var url: String { "http://\(host):\(port)\(path)" }
}
