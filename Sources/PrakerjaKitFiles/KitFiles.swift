import Foundation

/// The kit's own files (`Specs/`, `Conformance/`), which this module carries inside the binary,
/// so `prakerja` runs from any directory and as a single static executable.
///
/// The readers of these files (contracts, requirement tables, catalogues, rule packs, configs
/// whose secrets are files next to them) work on paths, so the embedded files are unpacked once
/// per set of files into the user's cache directory and read from there; a partner can look at
/// exactly what the kit used.
public enum KitFiles {
    /// Names this set of files: it changes whenever one of them does.
    public static var digest: String { KitFilesArchive.digest }

    /// Every embedded file's path, relative to the kit's folder (`Specs/payment-partner.openapi.yaml`).
    public static var paths: [String] { KitFilesArchive.files.map(\.path) }

    /// The bytes of an embedded file, or nil.
    public static func contents(of path: String) -> Data? {
        KitFilesArchive.files.first { $0.path == path }.flatMap { Data(base64Encoded: $0.base64) }
    }

    /// The kit's folder for this process: `PRAKERJA_ROOT` when set; else the current directory
    /// when it holds the kit's files (a checkout of the kit, whose files may be newer than the
    /// binary's); else the embedded files, unpacked.
    public static func root() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["PRAKERJA_ROOT"], !explicit.isEmpty { return explicit }
        let here = FileManager.default.currentDirectoryPath
        if ["Specs", "Conformance"].allSatisfy({ FileManager.default.fileExists(atPath: here + "/" + $0 + "/") }) { return "." }
        return try unpacked().path
    }

    /// `root()`, worked out once per process (neither the environment nor the current directory
    /// changes under a command), or the current directory when the embedded files cannot be
    /// unpacked (then a reader names the file it did not find).
    public static let defaultRoot: String = (try? root()) ?? "."

    /// `path` (relative to the kit's folder, like `Specs/job-portal.openapi.yaml`) under `defaultRoot`.
    public static func path(_ path: String) -> String { defaultRoot == "." ? path : defaultRoot + "/" + path }

    /// Where the embedded files are unpacked (`$XDG_CACHE_HOME/prakerja/kit-DIGEST`, or
    /// `~/.cache/...`, or the temporary directory), unpacking them on first use. Unpacking goes
    /// to a private folder that is then renamed, so processes starting together never see half.
    public static func unpacked() throws -> URL {
        let target = cacheDirectory().appending(path: "kit-\(digest)")
        if FileManager.default.fileExists(atPath: target.appending(path: ".complete").path) { return target }
        let staging = target.deletingLastPathComponent().appending(
            path: ".kit-\(digest)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        for file in KitFilesArchive.files {
            guard let data = Data(base64Encoded: file.base64) else { throw UnpackError(path: file.path) }
            let url = staging.appending(path: file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try Data().write(to: staging.appending(path: ".complete"))
        do {
            try FileManager.default.moveItem(at: staging, to: target)
        } catch  where FileManager.default.fileExists(atPath: target.appending(path: ".complete").path) {
            // Another process unpacked the same files first.
        }
        return target
    }

    static func cacheDirectory() -> URL {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [
            environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) },
            environment["HOME"].map { URL(fileURLWithPath: $0).appending(path: ".cache") },
        ].compactMap { $0 }.map { $0.appending(path: "prakerja") }
        for candidate in candidates where (try? FileManager.default.createDirectory(at: candidate, withIntermediateDirectories: true)) != nil {
            if FileManager.default.isWritableFile(atPath: candidate.path) { return candidate }
        }
        return FileManager.default.temporaryDirectory.appending(path: "prakerja")
    }

    /// An embedded file that could not be decoded (a build that went wrong).
    public struct UnpackError: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the kit's embedded \(path) is damaged; rebuild prakerja" }
    }
}
