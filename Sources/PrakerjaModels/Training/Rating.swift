/// A participant's rating of a training: 1 to 5 stars (the 2021 average was 4.9).
public struct Rating: Hashable, Comparable, Sendable, WireValue, CustomStringConvertible {
    public let stars: Int

    public static let range = 1...5

    public init(_ stars: Int) throws(FieldError) {
        guard Self.range.contains(stars) else { throw FieldError(field: "", reason: "must be 1 to 5 stars, got \(stars)") }
        self.stars = stars
    }

    public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.stars < rhs.stars }

    public var description: String { "\(stars)/5" }

    public init(wire: Int) throws(FieldError) { self = try Rating(wire) }

    public var wire: Int { stars }
}
