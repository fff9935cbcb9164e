import PrakerjaPartners

/// What counts as practice (`practice.yaml`): the material kinds that can hold it, performance and
/// written tests, passive tasks, and how facilities name practice units and seats.
struct PracticeWords: Sendable {
    let practiceKinds: Set<LearningMaterial.Kind>
    let exerciseTitles: Lexicon
    let writtenTest: Lexicon
    let testLabels: [String]
    let connectors: Set<String>
    let performance: Lexicon
    let passiveTask: Lexicon
    let handIn: Lexicon
    let units: Lexicon
    let seats: Lexicon
    let numbers: [String: Int]

    init(_ file: ReferenceNode) throws(ReferenceData.LoadError) {
        var kinds: Set<LearningMaterial.Kind> = []
        for item in try file.field("practiceKinds").items() {
            let name = try item.string()
            guard let kind = LearningMaterial.Kind(rawValue: name) else {
                throw item.problem("\(name) is not a material kind (\(LearningMaterial.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds.insert(kind)
        }
        practiceKinds = kinds
        exerciseTitles = Lexicon(words: try file.field("exerciseTitles").strings())
        writtenTest = Lexicon(words: try file.field("writtenTest").strings())
        testLabels = try file.field("testLabels").strings().map { Wording.words($0).joined(separator: " ") }
        connectors = Set(try file.field("connectors").strings().map { Wording.words($0).joined(separator: " ") })
        performance = Lexicon(words: try file.field("performance").strings())
        passiveTask = Lexicon(words: try file.field("passiveTask").strings())
        handIn = Lexicon(roots: try file.field("handIn").strings())
        units = Lexicon(words: try file.field("units").strings())
        seats = Lexicon(words: try file.field("seats").strings())
        var numbers: [String: Int] = [:]
        for (word, value) in try file.field("numbers").members() { numbers[Wording.words(word).joined(separator: " ")] = try value.int() }
        self.numbers = numbers
    }

    /// A practical test's text with what the test is called taken out ("ujian praktik: 40 soal").
    func withoutLabels(_ test: String) -> String {
        testLabels.reduce(Wording.spaced(test)) { $0.replacingOccurrences(of: " \($1) ", with: " ") }
    }

    /// The verbs of doing in a task, with the words of handing in and the passive ones left out.
    /// Where the task asks for something passive, a bare root counts only at the start of a clause
    /// ("Tonton videonya, lalu buat..."), not as a noun ("pendapat tentang desain poster").
    func doing(in task: String, verbs: Lexicon, roots: Set<String>) -> [String] {
        let passive = passiveTask.isFound(in: task)
        var found: [String] = []
        for clause in task.split(whereSeparator: { ",;:.\n".contains($0) }) {
            let words = Wording.words(String(clause))
            for (index, word) in words.enumerated() where verbs.contains(word) && !handIn.contains(word) && !passiveTask.contains(word) {
                let clauseStart = index == 0 || connectors.contains(words[index - 1])
                if !passive || clauseStart || !roots.contains(word) { found.append(word) }
            }
        }
        return found
    }

    /// Whether a material can hold practice: an assignment or live session, or an exercise sheet.
    func holdsPractice(_ material: LearningMaterial) -> Bool {
        practiceKinds.contains(material.kind) || (material.kind == .document && exerciseTitles.isFound(in: material.title))
    }

    /// What one facility says it holds: practice units and seats, each the number before (or after)
    /// its word ("8 mesin espresso", "ruang kelas 20 kursi", "kapasitas 30 orang").
    func capacity(of facility: String) -> (units: Int, seats: Int) {
        var words = Wording.words(facility)
        for (phrase, value) in numbers.sorted(by: { $0.key.count > $1.key.count }) {
            let spaced = " " + words.joined(separator: " ") + " "
            if spaced.contains(" \(phrase) ") {
                words = Wording.words(spaced.replacingOccurrences(of: " \(phrase) ", with: " \(value) "))
            }
        }
        var result = (units: 0, seats: 0)
        for (index, word) in words.enumerated() {
            guard let number = Int(word) else { continue }
            let after = words[(index + 1)..<min(words.count, index + 3)].joined(separator: " ")
            let before = index > 0 ? words[index - 1] : ""
            if seats.isFound(in: after) || seats.contains(before) {
                result.seats += number
            } else if units.isFound(in: after) {
                result.units += number
            }
        }
        return result
    }
}
