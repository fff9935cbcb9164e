import Foundation

/// A schema's `properties`/`required` names as one run of UTF-8 bytes, for the tape's fast path:
/// a member's key is found by comparing bytes, with no string made and nothing reference-counted.
/// Owned by its `CompiledSchema` (made when the node is compiled, freed with it).
struct PropertyKeys {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each name ends in `bytes` (a name begins where the one before it ends).
    private let ends: UnsafeMutableBufferPointer<Int>

    init(_ names: [String]) {
        let total = names.reduce(0) { $0 + $1.utf8.count }
        bytes = .allocate(capacity: total)
        ends = .allocate(capacity: names.count)
        var end = 0
        for (index, name) in names.enumerated() {
            for byte in name.utf8 {
                bytes[end] = byte
                end += 1
            }
            ends[index] = end
        }
    }

    var count: Int { ends.count }

    /// The index of the name spelled by `key`: tried first at `guess` (members usually come in
    /// the schema's order), then each in turn.
    func index(of key: UnsafeBufferPointer<UInt8>, guess: Int) -> Int? {
        if guess < count, matches(key, guess) { return guess }
        for index in 0..<count where index != guess && matches(key, index) { return index }
        return nil
    }

    /// Whether `key` spells the name at `index`.
    func matches(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == key.count else { return false }
        return key.isEmpty || memcmp(bytes.baseAddress! + start, key.baseAddress!, key.count) == 0
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
    }
}
