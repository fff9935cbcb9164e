/// A JSON Schema `pattern` (ECMA-262 syntax) compiled to a Thompson automaton and matched
/// by simulating it: the time is linear in the string's length whatever the pattern, so no
/// string a partner sends can make a check backtrack for ever, and a match allocates nothing on
/// the heap.
///
/// It reads the syntax schemas use in practice: literals and escapes (`\t`, `\n`, `\xHH`,
/// `\uHHHH`, an escaped punctuation mark), `.`, `^`, `$`, classes (`[a-z_]`, `[^"]`) and `\d`,
/// `\w`, `\s` with their negations, groups (capturing or not), alternation, and the quantifiers
/// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (lazy or not: a match is only yes or no). A pattern
/// beyond that (back-references, look-around, `\b`, `\p{…}`) is nil here; the validator then
/// uses Foundation's regular expressions for it. Characters are Unicode scalars.
struct PatternAutomaton: Sendable {
    /// The pattern as written.
    let source: String
    private let program: [Instruction]
    private let sets: [ScalarSet]
    /// Whether the pattern begins with `^` in every alternative (then a match starts only at 0).
    private let anchored: Bool
    /// The same automaton made deterministic over ASCII, when that takes few states: an ASCII
    /// string is then matched by one table lookup a byte.
    private let deterministic: DeterministicPattern?

    enum Instruction {
        case scalar(UInt32)
        case set(Int)
        /// Continue at both, the first preferred (alternation and repetition).
        case split(Int, Int)
        case jump(Int)
        case atStart, atEnd, match
    }

    /// The compiled pattern, or nil when it uses syntax outside what this reads (or is invalid).
    init?(_ source: String) {
        var parser = Parser(scalars: Array(source.unicodeScalars))
        guard let tree = parser.parse() else { return nil }
        var compiler = Compiler()
        compiler.emit(tree)
        compiler.program.append(.match)
        guard compiler.program.count <= Self.maximumProgram else { return nil }
        self.source = source
        self.program = compiler.program
        self.sets = compiler.sets
        self.anchored = tree.isAnchoredAtStart
        self.deterministic = DeterministicPattern(program: compiler.program, sets: compiler.sets, anchored: anchored)
    }

    /// Patterns whose automaton would be larger (a `{1000}` of a group) use Foundation's.
    static let maximumProgram = 4_096

    /// Whether `text` contains a match (ECMA-262 `test`: anywhere, unless anchored).
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(matches(utf8:))
    }

    /// Whether the string of valid UTF-8 `bytes` contains a match.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        deterministic?.matches(bytes) ?? simulated(utf8: bytes)
    }

    /// Whether the automaton has a deterministic form (its ASCII strings matched by table).
    var isDeterministic: Bool { deterministic != nil }

    /// The answer of `matches(utf8:)` found by simulating the automaton, whatever the string.
    func simulated(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: program.count * 3) { scratch in
            program.withUnsafeBufferPointer { program in
                sets.withUnsafeBufferPointer { sets in
                    var simulation = Simulation(program: program, sets: sets, bytes: bytes, scratch: scratch)
                    return simulation.run(anchored: anchored)
                }
            }
        }
    }

    /// The automaton run over a string: the states alive before each scalar, advanced together.
    private struct Simulation {
        let program: UnsafeBufferPointer<Instruction>
        let sets: UnsafeBufferPointer<ScalarSet>
        let bytes: UnsafeBufferPointer<UInt8>
        /// `marks[pc]` is the step at which `pc` was last added (so no state is added twice in a step).
        let marks: UnsafeMutableBufferPointer<Int>
        var current: UnsafeMutableBufferPointer<Int>
        var next: UnsafeMutableBufferPointer<Int>
        var currentCount = 0, nextCount = 0
        var step = 1

        init(
            program: UnsafeBufferPointer<Instruction>, sets: UnsafeBufferPointer<ScalarSet>, bytes: UnsafeBufferPointer<UInt8>,
            scratch: UnsafeMutableBufferPointer<Int>
        ) {
            self.program = program
            self.sets = sets
            self.bytes = bytes
            let count = program.count
            marks = .init(rebasing: scratch[0..<count])
            current = .init(rebasing: scratch[count..<2 * count])
            next = .init(rebasing: scratch[2 * count..<3 * count])
            marks.initialize(repeating: 0)
        }

        mutating func run(anchored: Bool) -> Bool {
            var position = 0
            if add(0, at: position, toNext: false) { return true }
            while position < bytes.count {
                let (scalar, length) = decode(at: position)
                step += 1
                nextCount = 0
                for index in 0..<currentCount {
                    let pc = current[index]
                    let advances: Bool =
                        switch program[pc] {
                        case .scalar(let expected): scalar == expected
                        case .set(let set): sets[set].contains(scalar)
                        default: false
                        }
                    if advances, add(pc + 1, at: position + length, toNext: true) { return true }
                }
                swap(&current, &next)
                currentCount = nextCount
                position += length
                if !anchored {
                    if add(0, at: position, toNext: false) { return true }
                } else if currentCount == 0 {
                    return false
                }
            }
            return false
        }

        /// Adds state `pc` and every state reached from it without reading (at `position`) to the
        /// list for the next scalar (`toNext`) or the current one; true when one is the match.
        mutating func add(_ pc: Int, at position: Int, toNext: Bool) -> Bool {
            var pending = pc
            while true {
                if marks[pending] == step { return false }
                marks[pending] = step
                switch program[pending] {
                case .match: return true
                case .jump(let target): pending = target
                case .split(let first, let second):
                    if add(first, at: position, toNext: toNext) { return true }
                    pending = second
                case .atStart:
                    guard position == 0 else { return false }
                    pending += 1
                case .atEnd:
                    guard position == bytes.count else { return false }
                    pending += 1
                case .scalar, .set:
                    if toNext {
                        next[nextCount] = pending
                        nextCount += 1
                    } else {
                        current[currentCount] = pending
                        currentCount += 1
                    }
                    return false
                }
            }
        }

        /// The scalar at `position` of valid UTF-8, and its length in bytes.
        func decode(at position: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[position])
            if lead < 0x80 { return (lead, 1) }
            func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[position + offset] & 0x3F) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }

    // MARK: Syntax

    private indirect enum Node {
        case scalar(UInt32)
        case set(ScalarSet)
        case atStart, atEnd
        case sequence([Node])
        case alternatives([Node])
        case repeated(Node, minimum: Int, maximum: Int?)

        var isAnchoredAtStart: Bool {
            switch self {
            case .atStart: true
            case .sequence(let nodes): nodes.first?.isAnchoredAtStart ?? false
            case .alternatives(let nodes): nodes.allSatisfy(\.isAnchoredAtStart)
            default: false
            }
        }
    }

    /// ECMA-262's pattern grammar, the part `PatternAutomaton` reads; nil for anything else.
    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func parse() -> Node? {
            guard let tree = disjunction(), index == scalars.count else { return nil }
            return tree
        }

        private var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            guard peek == scalar else { return false }
            index += 1
            return true
        }

        private mutating func disjunction() -> Node? {
            var branches: [Node] = []
            repeat {
                guard let branch = alternative() else { return nil }
                branches.append(branch)
            } while take("|")
            return branches.count == 1 ? branches[0] : .alternatives(branches)
        }

        private mutating func alternative() -> Node? {
            var terms: [Node] = []
            while let next = peek, next != "|", next != ")" {
                if take("^") {
                    terms.append(.atStart)
                } else if take("$") {
                    terms.append(.atEnd)
                } else {
                    guard let atom = atom(), let term = quantified(atom) else { return nil }
                    terms.append(term)
                }
            }
            return .sequence(terms)
        }

        private mutating func atom() -> Node? {
            guard let scalar = peek else { return nil }
            index += 1
            switch scalar {
            case ".": return .set(.anyButLineTerminator)
            case "(":
                if take("?") { guard take(":") else { return nil } }  // look-around and named groups: not read
                guard let inner = disjunction(), take(")") else { return nil }
                return inner
            case "[": return characterClass()
            case "\\":
                guard let escaped = escape(inClass: false) else { return nil }
                return escaped
            case "*", "+", "?", "{", ")": return nil
            default: return .scalar(scalar.value)
            }
        }

        private mutating func quantified(_ atom: Node) -> Node? {
            var minimum = 0, maximum: Int? = nil
            switch peek {
            case "*": index += 1
            case "+":
                index += 1
                minimum = 1
            case "?":
                index += 1
                maximum = 1
            case "{":
                index += 1
                guard let low = number() else { return nil }
                minimum = low
                maximum = low
                if take(",") { maximum = number() }
                let limit = PatternAutomaton.maximumProgram
                guard take("}"), minimum <= limit, maximum.map({ $0 >= minimum && $0 <= limit }) ?? true else { return nil }
            default:
                return atom
            }
            _ = take("?")  // lazy: the same yes or no
            if let next = peek, "*+?{".unicodeScalars.contains(next) { return nil }
            return .repeated(atom, minimum: minimum, maximum: maximum)
        }

        private mutating func number() -> Int? {
            var value: Int? = nil
            while let digit = peek, ("0"..."9").contains(digit) {
                value = min((value ?? 0) * 10 + Int(digit.value - 48), 1_000_000)
                index += 1
            }
            return value
        }

        /// After a backslash: a class shorthand or one scalar.
        private mutating func escape(inClass: Bool) -> Node? {
            guard let scalar = peek else { return nil }
            index += 1
            switch scalar {
            case "d": return .set(.digits)
            case "D": return .set(ScalarSet.digits.inverted)
            case "w": return .set(.wordCharacters)
            case "W": return .set(ScalarSet.wordCharacters.inverted)
            case "s": return .set(.whitespace)
            case "S": return .set(ScalarSet.whitespace.inverted)
            case "t": return .scalar(0x09)
            case "n": return .scalar(0x0A)
            case "v": return .scalar(0x0B)
            case "f": return .scalar(0x0C)
            case "r": return .scalar(0x0D)
            case "b" where inClass: return .scalar(0x08)
            case "0" where !(peek.map { ("0"..."9").contains($0) } ?? false): return .scalar(0)
            case "x": return hex(digits: 2)
            case "u": return hex(digits: 4)
            default:
                // An escaped punctuation mark is itself; letters and digits name things not read here.
                guard scalar.value < 0x80, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else { return nil }
                return .scalar(scalar.value)
            }
        }

        private mutating func hex(digits: Int) -> Node? {
            guard index + digits <= scalars.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard scalars[index].properties.isASCIIHexDigit, let digit = UInt32(String(scalars[index]), radix: 16) else { return nil }
                value = value * 16 + digit
                index += 1
            }
            // Half of a UTF-16 surrogate pair: ECMA-262 matches code units there, this reads scalars.
            return (0xD800...0xDFFF).contains(value) ? nil : .scalar(value)
        }

        private mutating func characterClass() -> Node? {
            let negated = take("^")
            var ranges: [ClosedRange<UInt32>] = []
            while !take("]") {
                guard let first = classAtom() else { return nil }
                if case .scalar(let low) = first, peek == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                    index += 1
                    guard case .scalar(let high)? = classAtom(), low <= high else { return nil }
                    ranges.append(low...high)
                } else {
                    switch first {
                    case .scalar(let value): ranges.append(value...value)
                    case .set(let set): ranges += set.ranges
                    default: return nil
                    }
                }
            }
            let set = ScalarSet(ranges)
            return .set(negated ? set.inverted : set)
        }

        private mutating func classAtom() -> Node? {
            guard let scalar = peek else { return nil }
            index += 1
            return scalar == "\\" ? escape(inClass: true) : .scalar(scalar.value)
        }
    }

    /// Turns a tree into the automaton's instructions.
    private struct Compiler {
        var program: [Instruction] = []
        var sets: [ScalarSet] = []

        mutating func emit(_ node: Node) {
            guard program.count <= PatternAutomaton.maximumProgram else { return }
            switch node {
            case .scalar(let value): program.append(.scalar(value))
            case .set(let set):
                sets.append(set)
                program.append(.set(sets.count - 1))
            case .atStart: program.append(.atStart)
            case .atEnd: program.append(.atEnd)
            case .sequence(let nodes): for node in nodes { emit(node) }
            case .alternatives(let nodes):
                var exits: [Int] = []
                for (position, branch) in nodes.enumerated() {
                    if position < nodes.count - 1 {
                        let split = placeholder()
                        emit(branch)
                        exits.append(placeholder())
                        program[split] = .split(split + 1, program.count)
                    } else {
                        emit(branch)
                    }
                }
                for exit in exits { program[exit] = .jump(program.count) }
            case .repeated(let body, let minimum, let maximum):
                for _ in 0..<minimum { emit(body) }
                if let maximum {
                    // Each optional copy: try it, or leave all the remaining copies.
                    var skips: [Int] = []
                    for _ in minimum..<maximum {
                        skips.append(placeholder())
                        emit(body)
                    }
                    for skip in skips { program[skip] = .split(skip + 1, program.count) }
                } else {
                    let loop = placeholder()
                    emit(body)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
        }

        private mutating func placeholder() -> Int {
            program.append(.jump(-1))
            return program.count - 1
        }
    }
}

/// A set of Unicode scalars as sorted, disjoint ranges, with a bitmap for ASCII.
struct ScalarSet: Sendable {
    let ranges: [ClosedRange<UInt32>]
    private let low: UInt64, high: UInt64

    init(_ ranges: [ClosedRange<UInt32>]) {
        var merged: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
        var low: UInt64 = 0, high: UInt64 = 0
        for range in merged where range.lowerBound < 128 {
            for value in range.lowerBound...min(range.upperBound, 127) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }
        self.low = low
        self.high = high
    }

    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return low & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return high & (1 << UInt64(scalar - 64)) != 0 }
        return ranges.contains { $0.contains(scalar) }
    }

    /// Every scalar not in this set.
    var inverted: ScalarSet {
        var complement: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {
            if range.lowerBound > next { complement.append(next...range.lowerBound - 1) }
            next = range.upperBound + 1
        }
        if next <= 0x10FFFF { complement.append(next...0x10FFFF) }
        return ScalarSet(complement)
    }

    static let digits = ScalarSet([48...57])
    static let wordCharacters = ScalarSet([48...57, 65...90, 95...95, 97...122])
    /// ECMA-262's white space and line terminators.
    static let whitespace = ScalarSet([
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029, 0x202F...0x202F, 0x205F...0x205F,
        0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    static let anyButLineTerminator = ScalarSet([0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]).inverted
}
