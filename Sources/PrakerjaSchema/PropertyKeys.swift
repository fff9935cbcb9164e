import Foundation

/// A schema's `properties`/`required` names, found from a member's key: as one run of UTF-8
/// bytes compared with `memcmp` (no string made, nothing reference-counted, for the tape's fast
/// path), and by hash when there are many. Owned by its `CompiledSchema` (made when the node is
/// compiled, freed with it).
struct PropertyKeys {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Where each name ends in `bytes` (a name begins where the one before it ends).
    private let ends: UnsafeMutableBufferPointer<Int>
    /// Each name's first index, past `hashedBeyond` names (a scan is quicker for fewer).
    private let byName: [String: Int]?
    private static let hashedBeyond = 16

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
        byName =
            names.count > Self.hashedBeyond
            ? Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) : nil
    }

    /// The index of the name spelled by the UTF-8 `key`: tried first at `guess` (members usually
    /// come in the schema's order), then by hash or each in turn; the first, if a name repeats.
    func index(of key: UnsafeBufferPointer<UInt8>, guess: Int) -> Int? {
        if guess < ends.count, matches(key, guess) { return guess }
        if let byName { return byName[String(decoding: key, as: UTF8.self)] }
        return (0..<ends.count).first { $0 != guess && matches(key, $0) }
    }

    /// The index of the name `key`, as `index(of:guess:)` finds it.
    func index(of key: String, guess: Int) -> Int? {
        var key = key
        return key.withUTF8 { index(of: $0, guess: guess) }
    }

    private func matches(_ key: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        let start = index == 0 ? 0 : ends[index - 1]
        guard ends[index] - start == key.count else { return false }
        return key.isEmpty || memcmp(bytes.baseAddress! + start, key.baseAddress!, key.count) == 0
    }

    func deallocate() {
        bytes.deallocate()
        ends.deallocate()
    }
}
