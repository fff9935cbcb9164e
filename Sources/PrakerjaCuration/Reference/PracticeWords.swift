import PrakerjaConformance
import PrakerjaPartners

/// What counts as practice (`practice.yaml`): the material kinds that can hold it, performance and
/// written tests, passive tasks, and how facilities name practice units and seats.
struct PracticeWords: Sendable {
    let practiceKinds: Set<LearningMaterial.Kind>
    let exerciseTitles: Lexicon
    /// A document titled as read (a reading, a worked answer) holds no practice, whatever else its title says.
    let readingTitles: Lexicon
    /// A live session titled as a talk holds no practice, unless its title names an exercise too.
    let lectureTitles: Lexicon
    let writtenTest: Lexicon
    /// Scoring by a machine: a test scored so observes no performance.
    let scoredByMachine: Lexicon
    let testLabels: [String]
    let connectors: Set<String>
    let performance: Lexicon
    let passiveTask: Lexicon
    /// Who is in a class, and who guides it, as a sentence counts them.
    let participantWords: Lexicon
    let facilitatorWords: Lexicon
    let handIn: Lexicon
    let units: Lexicon
    let seats: Lexicon
    /// Numbers written as words, longest first ("dua puluh lima" before "dua").
    let numbers: [(words: String, value: Int)]

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
        exerciseTitles = try file.lexicon("exerciseTitles")
        readingTitles = try file.lexicon("readingTitles")
        lectureTitles = try file.lexicon("lectureTitles")
        writtenTest = try file.lexicon("writtenTest")
        scoredByMachine = try file.lexicon("scoredByMachine")
        testLabels = try file.field("testLabels").strings().map { Wording.words($0).joined(separator: " ") }
        connectors = Set(try file.field("connectors").strings().map { Wording.words($0).joined(separator: " ") })
        performance = try file.lexicon("performance")
        passiveTask = try file.lexicon("passiveTask")
        participantWords = try file.lexicon("participantWords")
        facilitatorWords = try file.lexicon("facilitatorWords")
        handIn = Lexicon(roots: try file.field("handIn").strings())
        units = try file.lexicon("units")
        seats = try file.lexicon("seats")
        var numbers: [String: Int] = [:]
        for (word, value) in try file.field("numbers").members() { numbers[Wording.words(word).joined(separator: " ")] = try value.int() }
        self.numbers = numbers.map { ($0.key, $0.value) }.sorted { $0.words.count > $1.words.count }
    }

    /// A practical test's text with what the test is called taken out ("ujian praktik: 40 soal").
    func withoutLabels(_ test: String) -> String {
        testLabels.reduce(Wording.spaced(test)) { $0.replacingOccurrences(of: " \($1) ", with: " ") }
    }

    /// The verbs of doing in a task, with the words of handing in and the passive ones left out.
    /// Where the task asks for something passive, a bare root counts only at the start of a clause
    /// ("Tonton videonya, lalu buat..."), not as a noun ("pendapat tentang desain poster").
    func doing(in task: String, verbs: Lexicon) -> [String] {
        let passive = passiveTask.isFound(in: task)
        var found: [String] = []
        for clause in task.split(whereSeparator: { ",;:.\n".contains($0) }) {
            let words = Wording.words(String(clause))
            for (index, word) in words.enumerated() where verbs.contains(word) && !handIn.contains(word) && !passiveTask.contains(word) {
                let clauseStart = index == 0 || connectors.contains(words[index - 1])
                if !passive || clauseStart || !verbs.roots.contains(word) { found.append(word) }
            }
        }
        return found
    }

    /// Whether a material can hold practice: an assignment or live session, or an exercise sheet.
    func holdsPractice(_ material: LearningMaterial) -> Bool {
        let exercise =
            exerciseTitles.isFound(in: material.title) || performance.isFound(in: material.title) || participantWords.isFound(in: material.title)
        if material.kind == .liveSession, lectureTitles.isFound(in: material.title), !exercise { return false }
        return practiceKinds.contains(material.kind)
            || (material.kind == .document && exerciseTitles.isFound(in: material.title) && !readingTitles.isFound(in: material.title))
    }

    /// What one facility says it holds: practice units and seats, each the number before (or after)
    /// its word ("8 mesin espresso", "ruang kelas 20 kursi", "kapasitas 30 orang").
    func capacity(of facility: String) -> (units: Int, seats: Int) {
        let words = numbered(facility)
        var result = (units: 0, seats: 0)
        for (index, word) in words.enumerated() {
            guard let number = Int(word) else { continue }
            let after = Array(words[(index + 1)..<min(words.count, index + 3)])
            if !seats.found(inWords: after).isEmpty || (index > 0 && seats.contains(words[index - 1])) {
                result.seats += number
            } else if !units.found(inWords: after).isEmpty {
                result.units += number
            }
        }
        return result
    }

    /// The words of `text` with number words as digits ("dua pelatih" as "2 pelatih").
    func numbered(_ text: String) -> [String] {
        Wording.words(numbers.reduce(Wording.spaced(text)) { $0.replacingOccurrences(of: " \($1.words) ", with: " \($1.value) ") })
    }

    /// The class sizes `text` states: each sentence that counts both participants and those who
    /// guide them ("200 peserta ... dipandu dua pelatih dan satu asisten": 200 and 3).
    func classSizes(in text: String) -> [(sentence: String, participants: Int, facilitators: Int)] {
        Wording.sentences(text).compactMap { sentence in
            let words = numbered(sentence)
            var participants = 0, facilitators = 0
            for (index, word) in words.enumerated() {
                guard let number = Int(word), index + 1 < words.count else { continue }
                if participantWords.contains(words[index + 1]) {
                    participants = max(participants, number)
                } else if facilitatorWords.contains(words[index + 1]) {
                    facilitators += number
                }
            }
            return participants > 0 && facilitators > 0 ? (sentence.trimmingCharacters(in: .whitespaces), participants, facilitators) : nil
        }
    }
}
