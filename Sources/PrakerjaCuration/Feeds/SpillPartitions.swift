import Foundation

/// Records written to temporary files, one per partition, and read back a partition at a time:
/// how a join larger than memory is done (a Grace hash join: both sides partitioned by the same
/// hash of their key, each partition joined alone). A record is bytes the caller lays out with
/// `put` and reads back with `RecordCursor`. A write that fails is kept and thrown by `finish`,
/// so a reader's row callback never has to.
final class SpillPartitions {
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

    mutating func getBytes() -> ArraySlice<UInt8> {
        let count = Int(bytes[offset])
        defer { offset += 1 + count }
        return bytes[(offset + 1)..<(offset + 1 + count)]
    }
}
