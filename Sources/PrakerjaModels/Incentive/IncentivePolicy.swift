/// The post-training incentive: how much, how many times, and how fast it must be paid.
///
/// In 2021: Rp600,000 a month for 4 consecutive months after the first training is completed,
/// with no deduction at all, paid within 3 to 5 working days. The numbers are parameters so a
/// later program year can change them without code.
public struct IncentivePolicy: Hashable, Sendable {
    /// Paid each month, in full.
    public let monthlyAmount: Rupiah
    /// Consecutive monthly payments.
    public let months: Int
    /// Working days after eligibility within which a payment is expected (lower bound) and due (upper bound).
    public let paymentWorkingDays: ClosedRange<Int>

    /// The 2021 program: Rp600,000 × 4, paid within 3-5 working days.
    public static let program2021 = IncentivePolicy(unchecked: 600_000, months: 4, paymentWorkingDays: 3...5, total: 2_400_000)

    public init(monthlyAmount: Rupiah, months: Int, paymentWorkingDays: ClosedRange<Int>) throws(FieldError) {
        guard monthlyAmount > .zero else { throw FieldError(field: "monthlyAmount", reason: "must be more than Rp0") }
        guard (1...24).contains(months) else { throw FieldError(field: "months", reason: "must be 1 to 24, got \(months)") }
        guard paymentWorkingDays.lowerBound >= 0 else {
            throw FieldError(field: "paymentWorkingDays", reason: "must not start below 0 working days")
        }
        let total = try FieldError.within("monthlyAmount") { () throws(FieldError) in try monthlyAmount.multiplied(by: months) }
        self.init(unchecked: monthlyAmount, months: months, paymentWorkingDays: paymentWorkingDays, total: total)
    }

    private init(unchecked monthlyAmount: Rupiah, months: Int, paymentWorkingDays: ClosedRange<Int>, total: Rupiah) {
        self.monthlyAmount = monthlyAmount
        self.months = months
        self.paymentWorkingDays = paymentWorkingDays
        self.total = total
    }

    /// Everything one recipient receives: Rp2,400,000 in 2021.
    public let total: Rupiah

    /// The payments due to a recipient who became eligible (completed the first training) on `eligibleOn`.
    ///
    /// Payment *n* becomes eligible *n − 1* months later (the 31st becomes a shorter month's last day);
    /// each is expected from `paymentWorkingDays.lowerBound` working days after and due by the upper bound.
    public func schedule(eligibleOn: CalendarDate, calendar: WorkingDayCalendar) throws(FieldError) -> [IncentiveInstallment] {
        try (1...months).map { (number) throws(FieldError) in
            let eligible = eligibleOn.adding(months: number - 1)
            return IncentiveInstallment(
                number: number,
                eligibleOn: eligible,
                expectedFrom: try calendar.adding(workingDays: paymentWorkingDays.lowerBound, to: eligible),
                dueBy: try calendar.adding(workingDays: paymentWorkingDays.upperBound, to: eligible),
                amount: monthlyAmount
            )
        }
    }

    /// Checks one disbursement against the policy: the full monthly amount, no fee, nothing deducted.
    public func checkDisbursement(amount: Rupiah, fee: Rupiah) throws(FieldError) {
        guard fee == .zero else {
            throw FieldError(field: "feeAmount", reason: "must be 0.00: the incentive is paid with no deduction, got \(fee.snapValue)")
        }
        guard amount == monthlyAmount else {
            throw FieldError(field: "amount", reason: "must be exactly \(monthlyAmount.snapValue), got \(amount.snapValue)")
        }
    }
}

/// One monthly incentive payment and its deadline.
public struct IncentiveInstallment: Hashable, Sendable, Codable {
    /// 1 to `months`.
    public let number: Int
    public let eligibleOn: CalendarDate
    /// The first day payment is expected (3 working days after eligibility in 2021).
    public let expectedFrom: CalendarDate
    /// The last day payment is on time (5 working days after eligibility in 2021).
    public let dueBy: CalendarDate
    public let amount: Rupiah

    /// Whether a payment made on `date` is late.
    public func isLate(paidOn date: CalendarDate) -> Bool { date > dueBy }
}
