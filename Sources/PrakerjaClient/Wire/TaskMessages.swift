import PrakerjaModels

/// Which kind of work a submission is.
public enum TaskScope: String, Codable, Sendable, CaseIterable, WireEnumeration {
    /// Tugas praktik mandiri: a self-practice task, sequences 1-998.
    case tpm
    /// Uji keterampilan: the practical skills test, sequence 999.
    case uk
}

/// `tpm/submission` request: a participant's task file, submitted by the LP.
public struct TaskSubmissionRequest: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    public let scope: TaskScope
    public let sequence: Int
    /// Where the file is, an https URL.
    public let urlFile: String

    public init(redeemCode: RedeemCode, scope: TaskScope, sequence: Int, urlFile: String) {
        self.redeemCode = redeemCode
        self.scope = scope
        self.sequence = sequence
        self.urlFile = urlFile
    }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code", scope, sequence, urlFile = "url_file" }
}

/// `tpm/submission/status` request: which submission.
public struct TaskReference: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    public let scope: TaskScope
    public let sequence: Int

    public init(redeemCode: RedeemCode, scope: TaskScope, sequence: Int) {
        self.redeemCode = redeemCode
        self.scope = scope
        self.sequence = sequence
    }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code", scope, sequence }
}

/// `tpm/feedback/submission` request: the LP's assessment of a submission.
public struct TaskFeedbackRequest: Codable, Sendable, Hashable {
    public let redeemCode: RedeemCode
    public let scope: TaskScope
    public let sequence: Int
    public let notes: String
    /// An annotated file, if any (https).
    public let urlFile: String?

    public init(redeemCode: RedeemCode, scope: TaskScope, sequence: Int, notes: String, urlFile: String? = nil) {
        self.redeemCode = redeemCode
        self.scope = scope
        self.sequence = sequence
        self.notes = notes
        self.urlFile = urlFile
    }

    enum CodingKeys: String, CodingKey { case redeemCode = "redeem_code", scope, sequence, notes, urlFile = "url_file" }
}

/// A submission and, once given, its feedback.
public struct TaskStatus: Codable, Sendable, Hashable {
    public let redeemCode: String
    public let scope: String
    public let sequence: Int
    public let urlFile: String
    /// `submitted` or `reviewed`.
    public let status: String
    public let submittedAt: String
    public let feedback: Feedback?

    public struct Feedback: Codable, Sendable, Hashable {
        public let notes: String
        public let urlFile: String?
        public let sentAt: String

        public init(notes: String, urlFile: String?, sentAt: String) {
            self.notes = notes
            self.urlFile = urlFile
            self.sentAt = sentAt
        }

        enum CodingKeys: String, CodingKey { case notes, urlFile = "url_file", sentAt = "sent_at" }

        /// `url_file` is required and nullable.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(notes, forKey: .notes)
            try c.encode(urlFile, forKey: .urlFile)
            try c.encode(sentAt, forKey: .sentAt)
        }
    }

    public init(redeemCode: String, scope: String, sequence: Int, urlFile: String, status: String, submittedAt: String, feedback: Feedback?) {
        self.redeemCode = redeemCode
        self.scope = scope
        self.sequence = sequence
        self.urlFile = urlFile
        self.status = status
        self.submittedAt = submittedAt
        self.feedback = feedback
    }

    enum CodingKeys: String, CodingKey {
        case redeemCode = "redeem_code", scope, sequence, urlFile = "url_file", status, submittedAt = "submitted_at", feedback
    }

    /// `feedback` is required and nullable: `null` until the LP sends it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(redeemCode, forKey: .redeemCode)
        try c.encode(scope, forKey: .scope)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(urlFile, forKey: .urlFile)
        try c.encode(status, forKey: .status)
        try c.encode(submittedAt, forKey: .submittedAt)
        try c.encode(feedback, forKey: .feedback)
    }
}
