import Foundation

/// A schema's `properties`/`required` names, found from a member's key: one run of UTF-8 bytes
/// and a table of them by hash, so a key is found without making a string or counting a
/// reference (both evaluations use it; the tape's fast path reads it from `TapeProgram`). Owned by
/// its `CompiledSchema` (made when the node is compiled, freed with it).
struct PropertyKeys: @unchecked Sendable {
    /// No names: shared, never freed (what a lowered schema without `properties` holds).
    static let none = PropertyKeys([])

    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each name ends in `bytes` (a name begins where the one before it ends).
    private let ends: UnsafeMutableBufferPointer<Int>
    /// Open addressing by `slot(of:)`: each slot a name's index or -1, twice as many slots as
    /// names (a power of two, at least 8); a repeated name keeps its first index.
    private let slots: UnsafeMutableBufferPointer<Int32>

    init(_ names: [String]) {
        bytes = .allocate(capacity: names.reduce(0) { $0 + $1.utf8.count })
        ends = .allocate(capacity: names.count)
        var end = 0
        for (index, name) in names.enumerated() {
            for byte in name.utf8 {
                bytes[end] = byte
                end += 1
            }
            ends[index] = end
        }
        var size = 8
        while size < names.count * 2 { size *= 2 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1)
        for index in names.indices {
            let name = UnsafeBufferPointer(rebasing: bytes[start(index)..<ends[index]])
            var slot = slot(of: name)
            while slots[slot] >= 0, !matches(name, Int(slots[slot])) { slot = (slot + 1) & (slots.count - 1) }
            if slots[slot] < 0 { slots[slot] = Int32(index) }
        }
    }

    /// The index of the name spelled by the UTF-8 `key`: tried first at `guess` (members usually
    /// come in the schema's order), then by hash; the first, if a name repeats.
    func index(of key: UnsafeBufferPointer<UInt8>, guess: Int) -> Int? {
        if guess < ends.count, matches(key, guess) { return guess }
        var slot = slot(of: key)
        while true {
            let index = Int(slots[slot])
            if index < 0 || matches(key, index) { return index < 0 ? nil : index }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The index of the name `key`, as `index(of:guess:)` finds it.
    func index(of key: String, guess: Int) -> Int? {
        var key = key
        return key.withUTF8 { index(of: $0, guess: guess) }
    }

    /// The slot a name hashes to first: its length and three of its bytes (names differ there
    /// more often than not), masked to the table.
    @inline(__always) private func slot(of key: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = key.first, let last = key.last else { return 0 }
        let middle = key[key.count / 2]
        return (key.count &* 0x9E37 ^ Int(first) &* 31 ^ Int(middle) &* 131 ^ Int(last) &* 1021) & (slots.count - 1)
    }

    private func start(_ index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    @inline(__always) private func matches(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let start = start(index)
        guard ends[index] - start == key.count else { return false }
        return key.isEmpty || sameBytes(bytes.baseAddress! + start, key.baseAddress!, key.count)
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
        slots.deallocate()
    }
}

/// Whether `count` bytes at `first` and `second` are the same: a short run (a key, an enum
/// option) compared as two overlapping words, without calling `memcmp`.
@inline(__always)
func sameBytes(_ first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    func word<Word: FixedWidthInteger>(_ pointer: UnsafePointer<UInt8>, _ offset: Int, as: Word.Type) -> Word {
        UnsafeRawPointer(pointer + offset).loadUnaligned(as: Word.self)
    }
    switch count {
    case 8...16:
        return word(first, 0, as: UInt64.self) == word(second, 0, as: UInt64.self)
            && word(first, count - 8, as: UInt64.self) == word(second, count - 8, as: UInt64.self)
    case 4..<8:
        return word(first, 0, as: UInt32.self) == word(second, 0, as: UInt32.self)
            && word(first, count - 4, as: UInt32.self) == word(second, count - 4, as: UInt32.self)
    case 0..<4:
        for index in 0..<count where first[index] != second[index] { return false }
        return true
    default:
        return memcmp(first, second, count) == 0
    }
}
