import Foundation
import Testing

@testable import PrakerjaConformance

/// A contract file is parsed once per process while it stays the same, and read again when it changes.
@Suite struct ContractLoadTests {
    @Test func aChangedFileIsReadAgainAndReplacesTheOldParse() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "contract-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "job-portal.openapi.yaml")
        let original = try Data(contentsOf: URL(fileURLWithPath: "Specs/job-portal.openapi.yaml"))
        try original.write(to: file)

        let first = try Contract.load(file.path)
        #expect(try Contract.load(file.path).sha256 == first.sha256)
        try (original + Data("\n# edited\n".utf8)).write(to: file)
        let edited = try Contract.load(file.path)
        #expect(edited.sha256 != first.sha256, "the edited file is read again")
        #expect(edited.sha256 == Contract.sha256(ofFile: file.path))
        try original.write(to: file)
        #expect(try Contract.load(file.path).sha256 == first.sha256, "and the original again when it is back")
    }
}
