import Foundation
import Synchronization

/// Writes a run's reports a group at a time, for a run too large to hold (a monitoring sweep of
/// 20,000 courses): the head and tail of each format come from the run's outline (made by a first
/// pass over the groups), each group is written as it comes and then dropped. The files are the
/// bytes `ReportWriter` writes for the whole run, in the same places; each is written beside its
/// place and moved there when complete, so a reader never sees half a report.
public final class StreamedReportWriter {
    /// A format being written: its parts, and where its text goes.
    private struct Output {
        let layout: any ReportLayout
        let sink: Sink
    }

    /// Where a format's text goes: a file being written, or the console.
    private enum Sink {
        case file(ReportFile)
        case console(@Sendable (String) -> Void)

        func write(_ text: String) throws {
            switch self {
            case .file(let file): try file.write(text)
            case .console(let console): if !text.isEmpty { console(text) }
            }
        }
    }

    private let outline: RunOutline
    private var outputs: [Output] = []
    /// The suite the last group was of, and how many of its groups were written.
    private var suite = -1, written = 0
    /// Groups of the current suite not written yet: rendered together, on every core, then
    /// written in order (rendering a sweep's 20,000 courses is most of its finish).
    private var pending: [GroupResult] = []
    private static let batch = 64

    /// Starts the `formats` (`console` to `console`, the files in the partner's folder under
    /// `directory`) with their heads.
    public init(_ outline: RunOutline, formats: Set<ReportFormat>, to directory: URL, console: (@Sendable (String) -> Void)? = nil) throws {
        self.outline = outline
        let folder = ReportWriter.folder(partner: outline.header.target.name, in: directory)
        if formats.contains(.console), let console { outputs.append(Output(layout: ConsoleReport.Summary(), sink: .console(console))) }
        if formats.contains(.json) || formats.contains(.junit) || formats.contains(.html) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        if formats.contains(.json) {
            outputs.append(Output(layout: try JSONReport.Layout(outline), sink: .file(try ReportFile(folder.appending(path: "report.json")))))
        }
        if formats.contains(.junit) {
            outputs.append(Output(layout: JUnitReport.Layout(), sink: .file(try ReportFile(folder.appending(path: "junit.xml")))))
        }
        if formats.contains(.html) {
            outputs.append(Output(layout: HTMLReport.Layout(), sink: .file(try ReportFile(folder.appending(path: "report.html")))))
        }
        try write { $0.head(outline) }
    }

    /// Writes the next group, of the suite `suiteID`: groups come in the outline's order.
    public func add(_ group: GroupResult, suiteID: String) throws {
        if suite < 0 || outline.header.suites[suite].id != suiteID {
            try writePending()
            if suite >= 0 { try write { [suite] in $0.suiteTail(outline, suite: suite) } }
            guard let next = outline.header.suites.indices.first(where: { $0 > suite && outline.header.suites[$0].id == suiteID }) else {
                throw ReportOrderError(suiteID: suiteID)
            }
            (suite, written) = (next, 0)
            try write { [suite] in $0.suiteHead(outline, suite: suite) }
        }
        pending.append(group)
        if pending.count == Self.batch { try writePending() }
    }

    /// Renders the pending groups in every format at once, a group per core at a time, and
    /// writes them in order.
    private func writePending() throws {
        guard !pending.isEmpty else { return }
        let groups = pending, first = written, layouts = outputs.map(\.layout)
        pending.removeAll(keepingCapacity: true)
        let rendered = Mutex([[Result<String, any Error>]](repeating: [], count: groups.count))
        DispatchQueue.concurrentPerform(iterations: groups.count) { index in
            let texts = layouts.map { layout in Result { try layout.group(groups[index], index: first + index) } }
            rendered.withLock { $0[index] = texts }
        }
        let texts = rendered.withLock { $0 }
        for (offset, output) in outputs.enumerated() {
            for group in texts { try output.sink.write(try group[offset].get()) }
        }
        written += groups.count
    }

    /// Writes the tails and moves the files to their places; the paths written (`report.json`
    /// also kept as `last-run.json`, as `ReportWriter` does).
    public func finish() throws -> [URL] {
        try writePending()
        if suite >= 0 { try write { [suite] in $0.suiteTail(outline, suite: suite) } }
        try write { $0.tail(outline) }
        var written: [URL] = []
        for case .file(let file) in outputs.map(\.sink) {
            let url = try file.close()
            written.append(url)
            if url.lastPathComponent == "report.json" {
                let last = url.deletingLastPathComponent().appending(path: "last-run.json")
                let copy = last.appendingPathExtension("partial")
                try? FileManager.default.removeItem(at: copy)
                try FileManager.default.copyItem(at: url, to: copy)
                try ReportFile.move(copy, to: last)
            }
        }
        return written
    }

    private func write(_ part: (any ReportLayout) throws -> String) throws {
        for output in outputs { try output.sink.write(try part(output.layout)) }
    }

    /// A group came of a suite the outline does not have after the last one written.
    public struct ReportOrderError: Error, CustomStringConvertible {
        let suiteID: String
        public var description: String { "a group of the suite \(suiteID) came out of the outline's order" }
    }
}

/// A report file written in pieces beside its place (`NAME.partial`), buffered, and moved to its
/// place when closed.
final class ReportFile {
    private let url: URL, partial: URL
    private let handle: FileHandle
    private var buffer = Data()

    init(_ url: URL) throws {
        self.url = url
        partial = url.appendingPathExtension("partial")
        FileManager.default.createFile(atPath: partial.path, contents: nil)
        handle = try FileHandle(forWritingTo: partial)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and moves the file to its place; its URL.
    func close() throws -> URL {
        try flush()
        try handle.close()
        try Self.move(partial, to: url)
        return url
    }

    /// Moves a complete file to its place, over what was there, in one step (`rename(2)`: a
    /// reader sees the old file or the new one).
    static func move(_ file: URL, to place: URL) throws {
        guard rename(file.path, place.path) == 0 else { throw MoveError(path: place.path, reason: String(cString: strerror(errno))) }
    }

    /// A report could not be moved to its place.
    struct MoveError: Error, CustomStringConvertible {
        let path: String, reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }
}
