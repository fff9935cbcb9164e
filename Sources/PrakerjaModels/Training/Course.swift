/// A training as sold in the program: what every partner role refers to by `code`.
public struct Course: Hashable, Sendable, Codable {
    public let code: String
    /// The training institution (LP) that delivers it.
    public let providerCode: String
    public let title: String
    public let description: String
    public let method: LearningMethod
    public let price: Rupiah
    /// Total learning time in minutes.
    public let durationMinutes: Int

    public init(
        code: String, providerCode: String, title: String, description: String,
        method: LearningMethod, price: Rupiah, durationMinutes: Int
    ) throws(FieldError) {
        self.code = try Identifier.validated(code, field: "code")
        self.providerCode = try Identifier.validated(providerCode, field: "providerCode")
        self.title = try Text.validated(title, field: "title", maximumLength: 200)
        self.description = try Text.validated(description, field: "description", maximumLength: 10_000)
        guard price > .zero else { throw FieldError(field: "price", reason: "must be more than Rp0") }
        guard (1...(60 * 24 * 60)).contains(durationMinutes) else {
            throw FieldError(field: "durationMinutes", reason: "must be between 1 and 86400 minutes, got \(durationMinutes)")
        }
        self.method = method
        self.price = price
        self.durationMinutes = durationMinutes
    }

    private enum CodingKeys: String, CodingKey { case code, providerCode, title, description, method, price, durationMinutes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .code), provider = try c.decode(String.self, forKey: .providerCode)
        let title = try c.decode(String.self, forKey: .title), text = try c.decode(String.self, forKey: .description)
        let method = try c.decode(LearningMethod.self, forKey: .method), price = try c.decode(Rupiah.self, forKey: .price)
        let minutes = try c.decode(Int.self, forKey: .durationMinutes)
        self = try c.validate { () throws(FieldError) in
            try Course(
                code: code, providerCode: provider, title: title, description: text,
                method: method, price: price, durationMinutes: minutes)
        }
    }
}
