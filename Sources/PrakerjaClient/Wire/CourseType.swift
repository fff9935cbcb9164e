import PrakerjaModels

/// The program's integer course types (`course_type` in `redeem-code/status`) and their labels.
extension LearningMethod {
    /// 1 self-paced (LMS), 2 webinar, 3 offline, 4 hybrid.
    public var programCourseType: Int {
        switch self {
        case .selfPaced: 1
        case .webinar: 2
        case .offline: 3
        case .hybrid: 4
        }
    }

    public init?(programCourseType: Int) {
        guard let method = Self.allCases.first(where: { $0.programCourseType == programCourseType }) else { return nil }
        self = method
    }
}
