import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels

/// What a monitoring sweep holds of an approved course while it runs: where its proposal is and
/// what the sweep's summary names (its code, title and provider). The proposal itself is read
/// when the course is judged: a sweep of 20,000 courses never holds 20,000 proposals.
public struct ApprovedCourse: Sendable {
    /// The proposal's file.
    public let file: String
    public let code: String
    public let title: String
    /// The training provider's code.
    public let provider: String

    /// What the sweep holds of `proposal`, read from `file`.
    public init(_ proposal: CourseProposal, file: String) {
        (self.file, code, title, provider) = (file, proposal.course.course.code, proposal.course.course.title, proposal.provider.code)
    }

    private init(_ head: Head, file: String) {
        (self.file, code, title, provider) = (file, head.course.course.code, head.course.course.title, head.provider.code)
    }

    /// The approved proposals of `folder` (its `*.json` files, in name order).
    public static func files(in folder: String) throws(CourseProposal.Invalid) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw invalid(folder, ["no approved proposal (*.json) in it"]) }
        return names.map { "\(folder)/\($0)" }
    }

    /// Every approved course of `folder`, in file name order, a course approved by two proposals
    /// refused. Each proposal is checked against the proposal schema under `root` when one is
    /// given (queuing a sweep: a bad proposal refuses it before any work; none is held), else
    /// read for its code, title and provider only (a worker: it reads the proposals of the items
    /// it takes, `proposals`).
    public static func index(_ folder: String, checkedUnder root: String? = nil) throws(CourseProposal.Invalid) -> [ApprovedCourse] {
        let files = try files(in: folder)
        var courses: [ApprovedCourse] = []
        if let root {
            try read(files, root: root, in: folder) { courses.append(ApprovedCourse($1, file: $0)) }
        } else {
            var problems: [String] = []
            for file in files {
                do {
                    courses.append(
                        ApprovedCourse(try CompactJSONDecoder().decode(Head.self, from: try Data(contentsOf: URL(fileURLWithPath: file))), file: file)
                    )
                } catch {
                    problems.append("\(file): \(DecodingProblem.describe(error))")
                }
            }
            guard problems.isEmpty else { throw invalid(folder, problems) }
        }
        try refuseRepeated(courses, in: folder)
        return courses
    }

    /// Every approved proposal of `folder`, checked, in file name order (`monitor`: it holds
    /// them all); a course approved by two proposals refused.
    public static func proposals(in folder: String, root: String) throws(CourseProposal.Invalid) -> [CourseProposal] {
        var proposals: [CourseProposal] = [], courses: [ApprovedCourse] = []
        try read(try files(in: folder), root: root, in: folder) { file, proposal in
            proposals.append(proposal)
            courses.append(ApprovedCourse(proposal, file: file))
        }
        try refuseRepeated(courses, in: folder)
        return proposals
    }

    /// The proposals of `courses` (a worker's item), read whole and checked.
    public static func proposals(of courses: some Collection<ApprovedCourse>, root: String) throws(CourseProposal.Invalid) -> [CourseProposal] {
        var proposals: [CourseProposal] = []
        try read(courses.map(\.file), root: root, in: courses.first.map { ($0.file as NSString).deletingLastPathComponent } ?? "") {
            proposals.append($1)
        }
        return proposals
    }

    /// Reads each file's proposal, checked against the schema under `root`, and hands it on;
    /// every file that fails is named, with all its violations.
    private static func read(
        _ files: [String], root: String, in folder: String, _ body: (_ file: String, _ proposal: CourseProposal) -> Void
    ) throws(CourseProposal.Invalid) {
        var problems: [String] = []
        for file in files {
            do { body(file, try CourseProposal.load(file, root: root)) } catch { problems.append(error.description) }
        }
        guard problems.isEmpty else { throw invalid(folder, problems) }
    }

    /// Refuses a folder where one course is approved by more than one proposal: a sweep records
    /// a course once, so all but one would be dropped without a word.
    public static func refuseRepeated(_ courses: [ApprovedCourse], in folder: String) throws(CourseProposal.Invalid) {
        let repeated = Dictionary(grouping: courses, by: \.code).filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        guard !repeated.isEmpty else { return }
        throw invalid(
            folder,
            repeated.map { code, courses in
                "the course \(code) is approved by \(courses.count) proposals (\(courses.map { ($0.file as NSString).lastPathComponent }.joined(separator: ", "))): keep one"
            })
    }

    private static func invalid(_ folder: String, _ problems: [String]) -> CourseProposal.Invalid {
        var invalid = CourseProposal.Invalid(file: folder, problems: problems)
        invalid.kind = "folder of approved proposals"
        return invalid
    }

    /// The parts of a proposal the index reads.
    private struct Head: Decodable {
        struct Detail: Decodable {
            struct Course: Decodable {
                let code: String
                let title: String
            }
            let course: Course
        }
        struct Provider: Decodable { let code: String }
        let course: Detail
        let provider: Provider
    }
}
