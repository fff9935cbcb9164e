import Foundation
import Testing

@testable import PrakerjaClient

/// The memory that keeps a signer from sending one signed request twice.
@Suite struct RecentSignaturesTests {
    /// A request signed just before a second ends is recorded just after it, while another made
    /// in the same second was recorded before it ended: the second is the same signature, refused.
    @Test func aSignatureRecordedAcrossASecondBoundaryIsStillKnown() {
        let recent = RecentSignatures()
        let second = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(recent.insert("S", at: second.addingTimeInterval(0.5)))
        #expect(!recent.insert("S", at: second.addingTimeInterval(1.001)), "the same signature, recorded in the next second")
        #expect(recent.insert("T", at: second.addingTimeInterval(1.002)))
    }

    /// Only the last few seconds are kept: a signature from long ago can no longer repeat (its
    /// timestamp is in it), so it is forgotten.
    @Test func oldSecondsAreForgotten() {
        let recent = RecentSignatures()
        let second = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(recent.insert("S", at: second))
        #expect(recent.insert("S", at: second.addingTimeInterval(10)))
    }
}
