import AsyncHTTPClient
import Foundation
import NIOCore

/// Feeds given as addresses (`http://` or `https://`: the program's endpoint, the sandbox's
/// `/_sandbox/feeds/`) fetched into a temporary folder a block at a time, so they are read like
/// any feed file; their problems are reported under the address.
struct FeedDownloads {
    /// The file each address was fetched to.
    private(set) var paths: [String: String] = [:]
    /// The address each fetched file came from.
    private(set) var addresses: [String: String] = [:]
    private var folder: URL?

    /// Whether `argument` names an address rather than a file.
    static func isAddress(_ argument: String) -> Bool {
        let lower = argument.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Fetches every address among `arguments`; a file argument is read where it is. An address
    /// that does not answer 200, or whose path names neither CSV nor JSON Lines, is a usage error.
    static func fetch(_ arguments: [String]) async throws(CommandFailure) -> FeedDownloads {
        var downloads = FeedDownloads()
        for argument in arguments {
            guard isAddress(argument) else { continue }
            do {
                try await downloads.fetch(argument)
            } catch let failure as CommandFailure {
                downloads.remove()
                throw failure
            } catch {
                downloads.remove()
                throw .usage("\(argument): the feed cannot be fetched: \(error)")
            }
        }
        return downloads
    }

    private mutating func fetch(_ address: String) async throws {
        guard let url = URL(string: address), let name = url.pathComponents.last,
            [".csv", ".jsonl", ".ndjson"].contains(where: name.lowercased().hasSuffix)
        else {
            throw CommandFailure.usage("\(address): the address's path must end in .csv, .jsonl or .ndjson (it says how the feed is written)")
        }
        let folder = try self.folder ?? Self.makeFolder()
        self.folder = folder
        let file = folder.appending(path: "\(paths.count + 1)-\(name)")
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: address), timeout: .minutes(30))
        guard response.status.code == 200 else {
            throw CommandFailure.usage("\(address): the feed cannot be fetched: the server answered \(response.status.code)")
        }
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        for try await block in response.body { try handle.write(contentsOf: block.readableBytesView) }
        paths[address] = file.path
        addresses[file.path] = address
    }

    private static func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "prakerja-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Removes the fetched files.
    func remove() {
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}
