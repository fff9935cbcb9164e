import Crypto
import Foundation

/// HMAC (RFC 2104) with its key absorbed once: the hash states after the inner and the outer
/// padded key, copied for each message.
///
/// swift-crypto's `HMAC` keeps the same two states, but its `update` is generic over
/// `DataProtocol` and not inlinable: every call walks the data's `regions` through generic
/// metadata looked up at run time, which cost the program's scheme about a fifth of a signature.
/// Here every update is the hash function's own `update(bufferPointer:)`. Both are checked
/// against RFC 2202's and RFC 4231's vectors and against `HMAC` itself (`KeyedMACTests`).
struct KeyedMAC<H: HashFunction>: Sendable {
    private let inner: H
    private let outer: H

    /// The states after absorbing `key` (hashed first when longer than a block, as RFC 2104 says).
    init(key: some ContiguousBytes) {
        var block = [UInt8](repeating: 0, count: H.blockByteCount)
        key.withUnsafeBytes { key in
            if key.count > H.blockByteCount {
                var hasher = H()
                hasher.update(bufferPointer: key)
                hasher.finalize().withUnsafeBytes { block.replaceSubrange(0..<$0.count, with: $0) }
            } else {
                block.replaceSubrange(0..<key.count, with: key)
            }
        }
        var inner = H(), outer = H()
        let innerPad = block.map { $0 ^ 0x36 }, outerPad = block.map { $0 ^ 0x5C }
        innerPad.withUnsafeBytes { inner.update(bufferPointer: $0) }
        outerPad.withUnsafeBytes { outer.update(bufferPointer: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// The MAC of `message` followed by `more` (a second part, to spare a copy of a large body).
    func authenticationCode(_ message: UnsafeRawBufferPointer, _ more: UnsafeRawBufferPointer? = nil) -> H.Digest {
        var inner = self.inner
        inner.update(bufferPointer: message)
        if let more { inner.update(bufferPointer: more) }
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }
}
