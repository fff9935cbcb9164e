/// A `PatternAutomaton` made deterministic over ASCII by the subset construction, when it is
/// small and has at most `maximumStates` states: matching an ASCII string is then one table lookup a byte,
/// with the same answers as simulating the automaton (which still reads every other string).
///
/// A state is the set of the automaton's threads waiting for a character, the threads waiting
/// only for the end of the string (behind a `$`, decided once the string ends), and whether the
/// match was reached.
struct DeterministicPattern: Sendable {
    /// The next state of each state for each ASCII byte (`state * 128 + byte`), -1 when none can match.
    private let transitions: [Int16]
    /// Whether a state has already matched (a match anywhere is enough).
    private let matched: [Bool]
    /// Whether a state matches when the string ends there.
    private let matchedAtEnd: [Bool]

    static let maximumStates = 128
    /// Automata larger than this are not made deterministic (each state's closure walks the program).
    static let maximumProgram = 256

    /// The automaton made deterministic, or nil when that would take more than `maximumStates` states.
    init?(program: [PatternAutomaton.Instruction], sets: [ScalarSet], anchored: Bool) {
        guard program.count <= Self.maximumProgram else { return nil }
        /// The threads reached from `pcs` without reading, and whether the match was among them;
        /// an `$` keeps the thread behind it for the end.
        func closure(_ pcs: [Int], atStart: Bool) -> (waiting: [Int], atEnd: [Int], matched: Bool) {
            var seen = Set<Int>(), waiting: [Int] = [], atEnd: [Int] = [], matched = false
            var pending = pcs.reversed() as [Int]
            while let pc = pending.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program[pc] {
                case .match: matched = true
                case .jump(let target): pending.append(target)
                case .split(let first, let second): pending += [second, first]
                case .atStart: if atStart { pending.append(pc + 1) }
                case .atEnd: atEnd.append(pc + 1)
                case .scalar, .set: waiting.append(pc)
                }
            }
            return (waiting.sorted(), atEnd.sorted(), matched)
        }
        /// Whether the threads behind an `$` reach the match at the end of a (non-empty) string.
        func matchesAtEnd(_ pcs: [Int]) -> Bool {
            var seen = Set<Int>(), pending = pcs
            while let pc = pending.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program[pc] {
                case .match: return true
                case .jump(let target): pending.append(target)
                case .split(let first, let second): pending += [first, second]
                case .atEnd: pending.append(pc + 1)
                case .atStart, .scalar, .set: break
                }
            }
            return false
        }

        struct State: Hashable {
            let waiting: [Int], atEnd: [Int], matched: Bool
        }
        var states: [State] = [], matched: [Bool] = [], matchedAtEnd: [Bool] = [], index: [State: Int] = [:]
        func state(_ reached: (waiting: [Int], atEnd: [Int], matched: Bool)) -> Int {
            let key = State(waiting: reached.waiting, atEnd: reached.atEnd, matched: reached.matched)
            if let known = index[key] { return known }
            index[key] = states.count
            states.append(key)
            matched.append(reached.matched)
            matchedAtEnd.append(reached.matched || matchesAtEnd(reached.atEnd))
            return states.count - 1
        }
        _ = state(closure([0], atStart: true))
        var transitions: [Int16] = []
        var next = 0
        while next < states.count {
            guard states.count <= Self.maximumStates else { return nil }
            let current = states[next]
            for byte in UInt32(0)..<128 {
                var advanced: [Int] = current.waiting.compactMap { pc in
                    switch program[pc] {
                    case .scalar(let expected): expected == byte ? pc + 1 : nil
                    case .set(let set): sets[set].contains(byte) ? pc + 1 : nil
                    default: nil
                    }
                }
                if !anchored { advanced.append(0) }
                let reached = closure(advanced, atStart: false)
                let dead = anchored && reached.waiting.isEmpty && reached.atEnd.isEmpty && !reached.matched
                transitions.append(dead ? -1 : Int16(state(reached)))
            }
            next += 1
        }
        guard states.count <= Self.maximumStates else { return nil }
        self.transitions = transitions
        self.matched = matched
        self.matchedAtEnd = matchedAtEnd
    }

    /// Whether the UTF-8 `bytes` contain a match; nil when they are empty or not all ASCII (the
    /// automaton's simulation answers those).
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.isEmpty else { return nil }
        return transitions.withUnsafeBufferPointer { transitions in
            matched.withUnsafeBufferPointer { matched in
                var state = 0
                if matched[0] { return true }
                for byte in bytes {
                    guard byte < 128 else { return nil }
                    let next = Int(transitions[state &* 128 &+ Int(byte)])
                    if next < 0 { return false }
                    if matched[next] { return true }
                    state = next
                }
                return matchedAtEnd[state]
            }
        }
    }
}
