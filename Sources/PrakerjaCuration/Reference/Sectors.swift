import PrakerjaConformance

/// KBLI 2020's sections and divisions (`kbli.yaml`), and the sector an SKKNI unit code is numbered in.
struct Sectors: Sendable {
    struct Division: Sendable {
        let code: String
        let section: String
        let title: String
        let words: [String]
    }

    let sections: [String: String]
    let divisions: [String: Division]

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        var sections: [String: String] = [:], sectionOf: [String: String] = [:]
        for (letter, section) in try file.field("sections").members() {
            guard letter.count == 1, letter.allSatisfy(\.isUppercase) else { throw section.problem("\(letter) is not a section letter") }
            sections[letter] = try section.field("title").string()
            for division in try section.field("divisions").items() { sectionOf[try division.code(digits: 2)] = letter }
        }
        var divisions: [String: Division] = [:]
        for (code, division) in try file.field("divisions").members() {
            guard let section = sectionOf[code] else { throw division.problem("the division \(code) is in no section") }
            divisions[code] = Division(
                code: code, section: section, title: try division.field("title").string(), words: try division.optionalStrings("words"))
        }
        if let missing = sectionOf.keys.sorted().first(where: { divisions[$0] == nil }) {
            throw file.problem("the division \(missing) is listed in a section but has no entry under divisions")
        }
        self.sections = sections
        self.divisions = divisions
    }

    /// The KBLI division an SKKNI unit code is numbered in (`M.702090.001.01` is M, 70), or why
    /// the code names none.
    func division(ofUnit code: String) -> Result<Division, UnitProblem> {
        let parts = code.split(separator: ".")
        guard parts.count >= 2, parts[0].count == 1, parts[1].count >= 2 else { return .failure(.malformed) }
        let section = String(parts[0]), number = String(parts[1].prefix(2))
        guard sections[section] != nil else { return .failure(.noSection(section)) }
        guard let division = divisions[number] else { return .failure(.noDivision(number)) }
        guard division.section == section else { return .failure(.wrongSection(division)) }
        return .success(division)
    }

    enum UnitProblem: Error {
        case malformed
        case noSection(String)
        case noDivision(String)
        case wrongSection(Division)
    }
}

extension Sectors.UnitProblem {
    /// The problem in words.
    var reason: String {
        switch self {
        case .malformed: "not a unit code of a section and a division"
        case .noSection(let letter): "KBLI 2020 has no section \(letter)"
        case .noDivision(let number): "KBLI 2020 has no division \(number)"
        case .wrongSection(let division): "division \(division.code) is in section \(division.section)"
        }
    }
}
