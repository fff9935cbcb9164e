import Foundation
import PrakerjaConformance
import PrakerjaKitFiles
import PrakerjaModels

/// What a monitoring sweep holds of an approved course while it runs: where its proposal is and
/// what the sweep's summary names (its code, title and provider). The proposal itself is read
/// when the course is judged: a sweep of 20,000 courses never holds 20,000 proposals.
public struct ApprovedCourse: Sendable, Equatable {
    /// The proposal's file.
    public let file: String
    public let code: String
    public let title: String
    /// The training provider's code.
    public let provider: String

    public init(file: String, code: String, title: String, provider: String) {
        self.file = file
        self.code = code
        self.title = title
        self.provider = provider
    }

    /// What the sweep holds of `proposal`, read from `file`.
    public init(_ proposal: CourseProposal, file: String) {
        let course = proposal.course.course
        self.init(file: file, code: course.code, title: course.title, provider: proposal.provider.code)
    }

    /// The approved proposals of `folder` (its `*.json` files, in name order).
    public static func files(in folder: String) throws(CourseProposal.Invalid) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        guard !names.isEmpty else { throw invalid(folder, ["no approved proposal (*.json) in it"]) }
        return names.map { "\(folder)/\($0)" }
    }

    /// Every approved course of `folder`, in file name order. Each proposal is checked against
    /// the proposal schema under `root` when one is given (queuing a sweep: a bad proposal refuses
    /// it before any work), else read for its code, title and provider only (a worker: whoever
    /// judges a course reads its proposal whole, checked). Every file that fails is named.
    public static func index(_ folder: String, checkedUnder root: String? = nil) throws(CourseProposal.Invalid) -> [ApprovedCourse] {
        var courses: [ApprovedCourse] = [], problems: [String] = []
        for file in try files(in: folder) {
            if let root {
                do { courses.append(ApprovedCourse(try CourseProposal.load(file, root: root), file: file)) } catch {
                    problems.append(error.description)
                }
                continue
            }
            do {
                let head = try CompactJSONDecoder().decode(Head.self, from: Array(try Data(contentsOf: URL(fileURLWithPath: file))))
                courses.append(
                    ApprovedCourse(file: file, code: head.course.course.code, title: head.course.course.title, provider: head.provider.code))
            } catch {
                problems.append("\(file): \(DecodingProblem.describe(error))")
            }
        }
        guard problems.isEmpty else { throw invalid(folder, problems) }
        try refuseRepeated(courses, in: folder)
        return courses
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

    /// The course's proposal, read whole and checked against the proposal schema under `root`.
    public func proposal(root: String = KitFiles.defaultRoot) throws(CourseProposal.Invalid) -> CourseProposal {
        try CourseProposal.load(file, root: root)
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
