import Foundation

/// Paths inside this repository, for tests that read its data (`Conformance/`, `Specs/`).
public enum Repository {
    /// The package root: three levels above this file.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func data(_ relativePath: String) throws -> Data { try Data(contentsOf: url(relativePath)) }
}
