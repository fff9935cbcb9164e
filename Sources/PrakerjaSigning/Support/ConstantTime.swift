import Foundation

/// Comparison whose running time does not depend on where two byte strings differ,
/// so a verifier never tells an attacker how much of a forged signature was right.
enum ConstantTime {
    static func equals(_ lhs: some ContiguousBytes, _ rhs: some ContiguousBytes) -> Bool {
        lhs.withUnsafeBytes { lhs in
            rhs.withUnsafeBytes { rhs in
                guard lhs.count == rhs.count else { return false }
                var difference: UInt8 = 0
                for index in 0..<lhs.count { difference |= lhs[index] ^ rhs[index] }
                return difference == 0
            }
        }
    }
}
