import Foundation

/// Records written to temporary files, one per partition, and read back a partition at a time:
/// how a join larger than memory is done (a Grace hash join: both sides partitioned by the same
/// hash of their key, each partition joined alone). A record is bytes the caller lays out with
/// `put` and reads back with `RecordCursor`. A write that fails is kept and thrown by `finish`,
/// so a reader's row callback never has to. One thread writes to it at a time (the
/// reconciliation's two readers each have their own), hence unchecked.
final class SpillPartitions: @unchecked Sendable {
    let files: [URL]
    private var handles: [FileHandle]
    private var buffers: [[UInt8]]
    private var failure: FeedError?

    /// `count` empty partitions named `name` in `folder`.
    init(folder: URL, name: String, count: Int) throws(FeedError) {
        files = (0..<count).map { folder.appending(path: "\(name)-\($0).bin") }
        var handles: [FileHandle] = []
        for file in files {
            guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = FileHandle(forWritingAtPath: file.path) else {
                throw FeedError(file: file.path, reason: "cannot be written (the reconciliation's temporary files)")
            }
            handles.append(handle)
        }
        self.handles = handles
        buffers = Array(repeating: [], count: count)
    }

    deinit { for handle in handles { try? handle.close() } }

    var count: Int { files.count }

    /// Appends the record `write` lays out to `partition`.
    func append(_ partition: Int, _ write: (inout [UInt8]) -> Void) {
        write(&buffers[partition])
        if buffers[partition].count >= Self.flushBytes { flush(partition) }
    }

    /// Writes what is buffered and closes the files; throws the first write that failed.
    func finish() throws(FeedError) {
        for partition in 0..<count {
            flush(partition)
            try? handles[partition].close()
        }
        handles = []
        if let failure { throw failure }
    }

    /// The bytes of `partition`, whole (a partition is sized to fit in memory).
    func read(_ partition: Int) throws(FeedError) -> [UInt8] {
        do { return [UInt8](try Data(contentsOf: files[partition])) } catch {
            throw FeedError(file: files[partition].path, reason: "cannot be read back: \(error)")
        }
    }

    private func flush(_ partition: Int) {
        guard !buffers[partition].isEmpty, failure == nil else { return }
        do { try handles[partition].write(contentsOf: buffers[partition]) } catch {
            failure = FeedError(file: files[partition].path, reason: "cannot be written (is the disk full?): \(error)")
        }
        buffers[partition].removeAll(keepingCapacity: true)
    }

    static let flushBytes = 1 << 20

    /// The partition of `key` among `count`: FNV-1a of its bytes.
    static func partition(of key: some Collection<UInt8>, among count: Int) -> Int {
        count > 1 ? Int(FeedValues.hash(key) % UInt64(count)) : 0
    }
}

extension [UInt8] {
    /// Appends `value`, little-endian.
    mutating func put<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends `bytes` (at most 255) after their length.
    mutating func put(bytes: some Collection<UInt8>) {
        append(UInt8(bytes.count))
        append(contentsOf: bytes)
    }
}

/// Reads back, in order, what `put` wrote.
struct RecordCursor {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset >= bytes.count }

    mutating func get<Value: FixedWidthInteger>(_: Value.Type = Value.self) -> Value {
        let value = bytes.withUnsafeBytes { Value(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Value.self)) }
        offset += MemoryLayout<Value>.size
        return value
    }

    /// Where the next bytes `put(bytes:)` wrote are, without copying them.
    mutating func getSpan() -> Span {
        let count = bytes[offset]
        defer { offset += 1 + Int(count) }
        return Span(start: Int32(offset + 1), count: count)
    }

    /// The bytes at `span`.
    func slice(_ span: Span) -> ArraySlice<UInt8> { bytes[Int(span.start)..<(Int(span.start) + Int(span.count))] }

    /// The bytes at `span` as text (for an exception or a problem: a row's identifiers are ASCII).
    func text(_ span: Span) -> String { String(decoding: slice(span), as: UTF8.self) }
}

/// Where some bytes are in a partition read back: a reference kept without a string of its own.
struct Span: Equatable {
    let start: Int32
    let count: UInt8

    static let empty = Span(start: 0, count: 0)
}

/// A partition's rows found by their key's bytes: open addressing over a table of twice the rows,
/// keys compared in place (no string made, no key copied).
struct ReferenceIndex {
    private var slots: [Int32]
    private let shift: UInt64

    /// An index for at most `capacity` rows.
    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = Array(repeating: -1, count: 1 << Int(bits))
        shift = 64 - bits
    }

    /// The row whose key is `key` (its hash `hash`), with `keyOf` giving each row's key; nil when none.
    func find(_ key: ArraySlice<UInt8>, hash: UInt64, keyOf: (Int32) -> ArraySlice<UInt8>) -> Int32? {
        var slot = self.slot(hash)
        while slots[slot] >= 0 {
            if keyOf(slots[slot]).elementsEqual(key) { return slots[slot] }
            slot = (slot + 1) & (slots.count - 1)
        }
        return nil
    }

    /// Adds `row`, whose key's hash is `hash` (a key not in the index).
    mutating func insert(_ row: Int32, hash: UInt64) {
        var slot = self.slot(hash)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = row
    }

    /// The first slot of `hash`: its top bits, mixed (a partition is itself a hash's residue, so its low bits are not).
    private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) }
}
