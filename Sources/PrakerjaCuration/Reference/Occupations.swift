import PrakerjaConformance

/// KBJI 2014's groups (`occupations.yaml`): which KBLI divisions an occupation works in, and the
/// words of its work, which the proposer does not write.
struct Occupations: Sendable {
    struct Group: Sendable {
        let title: String
        let divisions: [String]
        let words: [String]
        /// The goods the work makes or tends (roti, busana): words of the occupation, but not of its work.
        let products: [String]
    }

    let subMajorGroups: [String: Group]
    let unitGroups: [String: Group]
    /// Words of module titles every trade has.
    let everyTrade: Set<String>

    init(_ file: ReferenceNode, sectors: Sectors) throws(ReferenceData.LoadError) {
        func group(_ node: ReferenceNode) throws(ReferenceData.LoadError) -> Group {
            let divisions = try node.field("kbli").strings()
            if let unknown = divisions.first(where: { sectors.divisions[$0] == nil }) {
                throw node.problem("\(unknown) is not a KBLI 2020 division (kbli.yaml)")
            }
            return Group(
                title: try node.field("title").string(), divisions: divisions, words: try node.optionalStrings("words"),
                products: try node.optionalStrings("products"))
        }
        var majors: Set<String> = []
        for (code, title) in try file.field("majorGroups").members() {
            guard code.count == 1, code.allSatisfy(\.isNumber) else { throw title.problem("\(code) is not a major group (one digit)") }
            _ = try title.string()
            majors.insert(code)
        }
        var subMajors: [String: Group] = [:]
        for (code, node) in try file.field("subMajorGroups").members() {
            guard code.count == 2, code.allSatisfy(\.isNumber), majors.contains(String(code.prefix(1))) else {
                throw node.problem("\(code) is not a sub-major group of a listed major group")
            }
            subMajors[code] = try group(node)
        }
        var units: [String: Group] = [:]
        for (code, node) in try file.field("unitGroups").members() {
            guard code.count == 4, code.allSatisfy(\.isNumber), subMajors[String(code.prefix(2))] != nil else {
                throw node.problem("\(code) is not a unit group of a listed sub-major group")
            }
            units[code] = try group(node)
        }
        subMajorGroups = subMajors
        unitGroups = units
        everyTrade = Set(try file.field("everyTrade").strings().flatMap(Wording.words))
    }

    /// The unit group (`7212`) and sub-major group (`72`) of a KBJI occupation code (`7212.01`).
    private func groups(_ code: String) -> (unit: Group?, subMajor: Group)? {
        let digits = code.prefix(4)
        guard digits.count == 4, let subMajor = subMajorGroups[String(digits.prefix(2))] else { return nil }
        return (unitGroups[String(digits)], subMajor)
    }

    /// Whether the code's sub-major group exists in KBJI 2014.
    func knows(_ code: String) -> Bool { groups(code) != nil }

    /// The group an occupation is judged by: its unit group when listed, else its sub-major group.
    func group(for code: String) -> Group? {
        guard let (unit, subMajor) = groups(code) else { return nil }
        return unit ?? subMajor
    }

    /// The KBLI divisions where the occupation is done.
    func divisions(for code: String) -> Set<String> { Set(group(for: code)?.divisions ?? []) }

    /// The words of the occupation: its group's title, words and products.
    func words(for code: String) -> [String] { group(for: code).map { [$0.title] + $0.words + $0.products } ?? [] }

    /// A list of KBJI unit groups in another reference file (`unitGroups: ["7212"]`), each one
    /// listed here.
    func unitGroups(_ node: ReferenceNode) throws(ReferenceData.LoadError) -> UnitGroups {
        var codes: Set<String> = []
        for item in try node.items() {
            let code = try item.code(digits: 4)
            guard unitGroups[code] != nil else { throw item.problem("\(code) is not a unit group listed in occupations.yaml") }
            codes.insert(code)
        }
        return UnitGroups(codes: codes)
    }

    /// KBJI unit groups a trade or a business function is done in.
    struct UnitGroups: Sendable {
        let codes: Set<String>

        /// Whether one of the occupations (`7212.01`) is in these groups.
        func include(anyOf occupations: [String]) -> Bool { occupations.contains { codes.contains(String($0.prefix(4))) } }
    }

    /// The goods the occupation's work makes or tends.
    func products(for code: String) -> [String] { group(for: code)?.products ?? [] }
}
