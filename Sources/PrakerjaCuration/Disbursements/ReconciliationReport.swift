import PrakerjaConformance

/// What a reconciliation found: per payment partner, its instructions, those paid, those paid
/// right (once, in full, no fee, to the recipient's own account, on time) and each kind of
/// exception; every exception with its references (personal data masked); every feed row set
/// aside, with its file and line.
public struct ReconciliationReport: Sendable, Codable {
    /// What can be wrong with a disbursement.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Paid after the rule pack's working days from when it became due.
        case late
        /// No successful payment in any statement (pending, failed, or never mentioned).
        case neverPaid
        /// Paid more than once: twice under one reference, or the recipient's month under two.
        case paidTwice
        /// Paid another amount than instructed.
        case wrongAmount
        /// Paid with a fee: the incentive is paid "tanpa potongan".
        case fee
        /// Paid to an account whose holder's NIK is not the recipient's.
        case holderMismatch
        /// A payment under a reference the program never instructed.
        case notInstructed
    }

    /// One exception: its kind, the partner, the program's and the partner's references, and what is wrong.
    public struct Exception: Sendable, Codable, Equatable {
        public let kind: Kind
        public let partner: String
        public let reference: String
        public let partnerReference: String
        public let detail: String
    }

    /// One payment partner's figures.
    public struct PartnerCounts: Sendable, Codable, Equatable {
        public let partner: String
        public var instructions = 0
        /// Instructions with at least one successful payment.
        public var paid = 0
        /// Paid once, in full, with no fee, to the recipient's own account, on time.
        public var onTime = 0
        public var exceptions: [String: Int] = [:]
        /// Payments under references the program never instructed.
        public var notInstructed = 0

        init(partner: String) { self.partner = partner }

        mutating func add(_ kind: Kind) { exceptions[kind.rawValue, default: 0] += 1 }
    }

    /// The working days a payment had.
    public let workingDays: Int
    public var partners: [PartnerCounts] = []
    public private(set) var exceptions: [Exception] = []
    public private(set) var problems: [FeedProblem] = []
    /// Rows set aside, by kind.
    public var problemCounts: [String: Int] { problems.reduce(into: [:]) { $0[$1.kind.rawValue, default: 0] += 1 } }

    init(workingDays: Int) { self.workingDays = workingDays }

    mutating func exception(_ exception: Exception) { exceptions.append(exception) }

    mutating func problem(_ problem: FeedProblem) {
        problems.append(problem)
    }

    /// Every partner's figures added up.
    public var overall: PartnerCounts {
        var total = PartnerCounts(partner: "overall")
        for partner in partners {
            total.instructions += partner.instructions
            total.paid += partner.paid
            total.onTime += partner.onTime
            total.notInstructed += partner.notInstructed
            total.exceptions.merge(partner.exceptions, uniquingKeysWith: +)
        }
        if total.notInstructed > 0 { total.exceptions[Kind.notInstructed.rawValue] = total.notInstructed }
        return total
    }

    /// `ExitStatus.dirtyFeed` (4) when a feed was dirty (its rows set aside are listed: the
    /// figures are those of the rows read), else 1 when a disbursement is wrong, else 0.
    public var exitCode: Int32 {
        if !problems.isEmpty { return ExitStatus.dirtyFeed }
        return exceptions.isEmpty ? ExitStatus.passed : ExitStatus.failed
    }
}
