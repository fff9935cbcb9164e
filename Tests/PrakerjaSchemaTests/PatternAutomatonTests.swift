import Foundation
import Testing

@testable import PrakerjaSchema

/// The kit's own pattern automaton: it agrees with Foundation's regular expressions on the syntax
/// it reads, follows ECMA-262 where the two differ, takes linear time on patterns that make a
/// backtracking engine take exponential time, and leaves the syntax it does not read to Foundation.
@Suite struct PatternAutomatonTests {
    /// Patterns of the kinds contracts use, and some that stress alternation, repetition and classes.
    static let patterns = [
        #"^[0-9]{2}(\.[0-9]{2})?$"#, "^[A-U]$", "a|b1", "^(a|b)*1$", #"(ab|a)(b)?\."#, "^[^ab]+$", #"\d{2,3}"#, #"\w+\s\w"#, "^$",
        ".-", #"[a\-.]{2}"#, "^a{0,2}b?$", "(a+)+b", #"^\S*$"#, #"[\d.]+"#, "é|b{2,}", "(?:a|)+1", "^(a?){3}$", "x*", #"^\x61\u0062"#,
        #"[^\W1]{2}"#, "^(?:ab?|ba)+$", "a{2}{", "^.{1,3}$",
    ]

    /// Every string of up to four of these: letters, a digit, punctuation, a space and a non-ASCII letter.
    static let strings: [String] = {
        let alphabet = ["a", "b", "1", ".", "-", " ", "é"]
        var all = [""], layer = [""]
        for _ in 1...4 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            all += layer
        }
        return all
    }()

    @Test(arguments: patterns)
    func agreesWithFoundation(_ source: String) throws {
        guard let automaton = PatternAutomaton(source) else {
            // Only syntax Foundation also refuses may be refused here among these.
            #expect((try? NSRegularExpression(pattern: source)) == nil, "\(source) is read by Foundation but not by the automaton")
            return
        }
        let expression = try NSRegularExpression(pattern: source)
        // ICU's `\w` takes letters of every script; ECMA-262's only ASCII's: compared on ASCII alone.
        let asciiOnly = source.contains(#"\w"#) || source.contains(#"\W"#)
        let disagreements = Self.strings.filter { text in
            guard !asciiOnly || text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
            return automaton.matches(text) != (expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil)
        }
        #expect(disagreements.isEmpty, "\(source) disagrees with Foundation on \(disagreements.prefix(5))")
    }

    @Test(arguments: patterns)
    func theDeterministicFormAnswersAsTheSimulationDoes(_ source: String) throws {
        guard let automaton = PatternAutomaton(source) else { return }
        #expect(automaton.isDeterministic, "\(source) should take few states")
        let disagreements = Self.strings.filter { text in
            var text = text
            return text.withUTF8 { automaton.matches(utf8: $0) != automaton.simulated(utf8: $0) }
        }
        #expect(disagreements.isEmpty, "\(source): the table and the simulation disagree on \(disagreements.prefix(5))")
    }

    @Test func aPatternWithTooManyStatesIsSimulated() throws {
        // The 12th character from the end is an a: a deterministic automaton needs 2^12 states.
        let automaton = try #require(PatternAutomaton("a[ab]{11}$"))
        #expect(!automaton.isDeterministic)
        #expect(automaton.matches("b" + "a" + String(repeating: "b", count: 11)))
        #expect(!automaton.matches("a" + String(repeating: "b", count: 11) + "b"))
    }

    @Test func whereICUDiffersECMAScriptIsFollowed() throws {
        #expect(try #require(PatternAutomaton("")).matches("anything"), "the empty pattern matches every string")
        #expect(try #require(PatternAutomaton(#"^\w+$"#)).matches("é") == false, "\\w is ASCII letters, digits and _")
        let empty = try #require(PatternAutomaton("[]a]"))
        #expect(!empty.matches("a]") && !empty.matches("a"), "[] is a class of no character: nothing matches (ICU reads a class of ] and a)")
    }

    @Test func dollarIsTheEndOfTheStringAsECMAScriptSays() throws {
        // ICU's `$` also matches before a final line break; ECMA-262's (without the m flag) does not.
        let automaton = try #require(PatternAutomaton("^abc$"))
        #expect(automaton.matches("abc"))
        #expect(!automaton.matches("abc\n"))
        #expect(try #require(PatternAutomaton("^a.c$")).matches("a\nc") == false, "a dot is not a line break")
    }

    @Test func unicodeScalarsAreOneCharacterEach() throws {
        #expect(try #require(PatternAutomaton("^.$")).matches("🐲"))
        #expect(try #require(PatternAutomaton("^[à-ÿ]{2}$")).matches("éü"))
        #expect(try #require(PatternAutomaton(#"^\u00e9$"#)).matches("é"))
    }

    @Test func aPatternThatMakesBacktrackingExplodeTakesLinearTime() throws {
        // A backtracking engine tries 2^n ways to split the a's before it gives up: this would not end.
        let automaton = try #require(PatternAutomaton("^(a+)+$"))
        #expect(!automaton.matches(String(repeating: "a", count: 20_000) + "b"))
        #expect(automaton.matches(String(repeating: "a", count: 20_000)))
    }

    @Test func syntaxItDoesNotReadIsLeftToFoundation() {
        for source in [#"(a)\1"#, "(?=a)", "(?!a)b", #"\bword"#, #"\p{L}"#, "(?<name>a)", "a{2,1}", "*a", "(a", "a)", #"\uD83D"#, "a{99999}"] {
            #expect(PatternAutomaton(source) == nil, "\(source)")
        }
        // The validator still judges them (by Foundation), and a pattern neither reads is reported.
        #expect(SchemaPattern(#"^(a)\1$"#).matches("aa") == true)
        #expect(SchemaPattern("(unclosed").matches("x") == nil)
    }
}
