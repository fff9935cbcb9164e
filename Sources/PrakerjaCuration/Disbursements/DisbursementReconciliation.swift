import Foundation
import PrakerjaModels

/// The program's disbursement instructions against what the payment partners say they paid
/// (statements or notifications): each file read once, a row at a time
/// (`Specs/feeds/disbursement-instruction.schema.json`, `disbursement-statement.schema.json`).
///
/// Every instruction is judged: paid once, in full, with no fee, to an account whose holder's NIK
/// is the recipient's, by the rule pack's working days after it became due (the holiday calendar
/// counting) — or an exception of each kind it breaks. A statement for a reference the program
/// never instructed is an exception too; two payments of one recipient's month (under one
/// reference or two) are a double payment. A row that cannot be read, names a partner the
/// instructions do not, or repeats one already read, is a `FeedProblem` with its file and line.
public struct DisbursementReconciliation {
    /// The columns of an instruction row.
    public static let instructionColumns = ["reference", "partner", "nik", "incentiveMonth", "amount", "eligibleOn"]
    /// The columns of a statement row.
    public static let statementColumns = ["reference", "partnerReference", "partner", "amount", "fee", "paidAt", "holderNIK", "status"]

    /// Working days after an instruction's `eligibleOn` by which it must be paid (the rule pack's
    /// `incentivePaymentWorkingDays`: 5, "3-5 hari kerja").
    public let workingDays: Int
    public let calendar: WorkingDayCalendar

    public init(workingDays: Int, calendar: WorkingDayCalendar) {
        self.workingDays = workingDays
        self.calendar = calendar
    }

    /// One instruction as kept for the join (about 60 bytes, its reference apart).
    struct Instruction {
        let partner: Int32
        let month: UInt8
        let nik: UInt64
        let amount: Int64
        let eligibleDay: Int32
        let dueDay: Int32
        var paid: Int32 = 0
        var pending = false
        var failed = false
        var firstPaidDay: Int32 = 0
        var firstAmount: Int64 = 0
        var firstFee: Int64 = 0
        var firstHolder: UInt64 = 0
        var firstPartnerReference = ""
        var otherPartnerReference = ""
    }

    /// Reconciles `instructions` against `statements`.
    public func reconcile(instructions path: String, statements: [String]) throws(FeedError) -> ReconciliationReport {
        var report = ReconciliationReport(workingDays: workingDays)
        var partners: [String] = [], partnerIndex: [String: Int32] = [:]
        var byReference: [String: Int] = [:]
        var rows: [Instruction] = []
        var references: [String] = []
        var dueDays: [Int32: Int32] = [:]
        try FeedReader(path: path, columns: Self.instructionColumns).forEachRow { (fields, line) throws(FeedValues.Invalid) in
            let reference = try FeedValues.identifier(fields[0], "reference")
            let partner = try FeedValues.identifier(fields[1], "partner")
            let nik = try FeedValues.nik(fields[2], "nik")
            let month = try FeedValues.integer(fields[3], "incentiveMonth", in: 1...4)
            let amount = try FeedValues.rupiah(fields[4], "amount")
            let eligible = try FeedValues.date(fields[5], "eligibleOn")
            guard byReference[reference] == nil else {
                report.problem(FeedProblem(file: path, line: line, kind: .duplicate, reason: "reference \(reference) is instructed again"))
                return
            }
            let eligibleDay = Int32(eligible.dayNumber)
            let due: Int32
            if let known = dueDays[eligibleDay] {
                due = known
            } else {
                guard let computed = try? calendar.adding(workingDays: workingDays, to: eligible) else {
                    throw FeedValues.Invalid(reason: "eligibleOn \(eligible) is in a year the holiday calendar does not cover")
                }
                due = Int32(computed.dayNumber)
                dueDays[eligibleDay] = due
            }
            let index: Int32
            if let known = partnerIndex[partner] {
                index = known
            } else {
                index = Int32(partners.count)
                partnerIndex[partner] = index
                partners.append(partner)
            }
            byReference[reference] = rows.count
            references.append(reference)
            rows.append(
                Instruction(partner: index, month: UInt8(month), nik: nik, amount: amount, eligibleDay: eligibleDay, dueDay: due))
        } problem: {
            report.problem($0)
        }
        report.partners = partners.map { ReconciliationReport.PartnerCounts(partner: $0) }
        for row in rows { report.partners[Int(row.partner)].instructions += 1 }

        for file in statements {
            try FeedReader(path: file, columns: Self.statementColumns).forEachRow { (fields, line) throws(FeedValues.Invalid) in
                let reference = try FeedValues.identifier(fields[0], "reference")
                let partnerReference = try FeedValues.identifier(fields[1], "partnerReference")
                let partner = try FeedValues.identifier(fields[2], "partner")
                let amount = try FeedValues.rupiah(fields[3], "amount")
                let fee = try FeedValues.rupiah(fields[4], "fee")
                let paidAt = try FeedValues.instant(fields[5], "paidAt")
                let holder = try FeedValues.nik(fields[6], "holderNIK")
                let status = try Self.status(fields[7])
                guard let partnerNumber = partnerIndex[partner] else {
                    report.problem(FeedProblem(file: file, line: line, kind: .unknown, reason: "partner \(partner) has no instruction"))
                    return
                }
                guard let index = byReference[reference] else {
                    if status == .paid {
                        report.exception(
                            .init(
                                kind: .notInstructed, partner: partner, reference: reference, partnerReference: partnerReference,
                                detail: "paid \(Self.rupiah(amount)) to NIK \(Masking.nik(Self.nikText(holder))) with no instruction"))
                        report.partners[Int(partnerNumber)].notInstructed += 1
                    } else {
                        report.problem(
                            FeedProblem(file: file, line: line, kind: .unknown, reason: "reference \(reference) was never instructed"))
                    }
                    return
                }
                guard rows[index].partner == partnerNumber else {
                    report.problem(
                        FeedProblem(
                            file: file, line: line, kind: .unknown,
                            reason: "reference \(reference) was instructed to \(partners[Int(rows[index].partner)]), not \(partner)"))
                    return
                }
                switch status {
                case .pending: rows[index].pending = true
                case .failed: rows[index].failed = true
                case .paid:
                    if rows[index].paid > 0, rows[index].firstPartnerReference == partnerReference {
                        report.problem(
                            FeedProblem(file: file, line: line, kind: .duplicate, reason: "payment \(partnerReference) of \(reference) again")
                        )
                        return
                    }
                    if rows[index].paid == 0 {
                        rows[index].firstPaidDay = Int32(Self.jakartaDay(paidAt))
                        rows[index].firstAmount = amount
                        rows[index].firstFee = fee
                        rows[index].firstHolder = holder
                        rows[index].firstPartnerReference = partnerReference
                    } else if rows[index].otherPartnerReference.isEmpty {
                        rows[index].otherPartnerReference = partnerReference
                    }
                    rows[index].paid += 1
                }
            } problem: {
                report.problem($0)
            }
        }

        // Each instruction judged; then each recipient's month paid under more than one reference.
        var paidMonths: [UInt64: Int] = [:]
        for (index, row) in rows.enumerated() {
            let partner = partners[Int(row.partner)], reference = references[index]
            var counts = report.partners[Int(row.partner)]
            func exception(_ kind: ReconciliationReport.Kind, _ detail: String, partnerReference: String? = nil) {
                report.exception(
                    .init(
                        kind: kind, partner: partner, reference: reference, partnerReference: partnerReference ?? row.firstPartnerReference,
                        detail: detail))
                counts.add(kind)
            }
            guard row.paid > 0 else {
                let state = row.pending ? "pending" : row.failed ? "failed" : "no statement"
                exception(.neverPaid, "month \(row.month) for NIK \(Masking.nik(Self.nikText(row.nik))): \(state)", partnerReference: "")
                report.partners[Int(row.partner)] = counts
                continue
            }
            counts.paid += 1
            var clean = true
            if row.paid > 1 {
                exception(.paidTwice, "paid \(row.paid) times under this reference (also \(row.otherPartnerReference))")
                clean = false
            }
            let key = row.nik &* 8 &+ UInt64(row.month)
            if let first = paidMonths[key] {
                exception(
                    .paidTwice, "month \(row.month) for NIK \(Masking.nik(Self.nikText(row.nik))) was paid under \(references[first]) too")
                clean = false
            } else {
                paidMonths[key] = index
            }
            if row.firstAmount != row.amount {
                exception(.wrongAmount, "paid \(Self.rupiah(row.firstAmount)), instructed \(Self.rupiah(row.amount))")
                clean = false
            }
            if row.firstFee != 0 {
                exception(.fee, "a fee of \(Self.rupiah(row.firstFee)) (the incentive is paid with no deduction)")
                clean = false
            }
            if row.firstHolder != row.nik {
                exception(
                    .holderMismatch,
                    "paid to an account held by NIK \(Masking.nik(Self.nikText(row.firstHolder))), the recipient is \(Masking.nik(Self.nikText(row.nik)))"
                )
                clean = false
            }
            if row.firstPaidDay > row.dueDay {
                let due = CalendarDate(dayNumber: Int(row.dueDay)), paid = CalendarDate(dayNumber: Int(row.firstPaidDay))
                let late =
                    (try? calendar.workingDays(after: due, through: paid)).map { "\($0) working days" } ?? "\(paid.dayNumber - due.dayNumber) days"
                exception(
                    .late,
                    "paid \(paid), due by \(due) (\(workingDays) working days after \(CalendarDate(dayNumber: Int(row.eligibleDay)))): \(late) late")
                clean = false
            }
            if clean { counts.onTime += 1 }
            report.partners[Int(row.partner)] = counts
        }
        return report
    }

    /// A statement's `latestTransactionStatus`, as SNAP writes it.
    enum Status { case paid, pending, failed }

    static func status(_ bytes: ArraySlice<UInt8>) throws(FeedValues.Invalid) -> Status {
        switch String(decoding: bytes, as: UTF8.self) {
        case "00": .paid
        case "03": .pending
        case "06": .failed
        default: throw FeedValues.Invalid(reason: "status must be 00 (paid), 03 (pending) or 06 (failed), got \(FeedValues.shown(bytes))")
        }
    }

    /// The day in Jakarta (WIB) of an instant.
    static func jakartaDay(_ seconds: Int64) -> Int {
        FeedValues.epochDay + Int((seconds + Int64(CalendarDate.wibOffsetSeconds)).dividedRoundingDown(by: 86_400))
    }

    /// An amount as people read it: `Rp600.000`.
    static func rupiah(_ amount: Int64) -> String { Rupiah(integerLiteral: amount).description }

    /// A NIK's 16 digits.
    static func nikText(_ nik: UInt64) -> String {
        let digits = String(nik)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity (a time before 1970 falls on the day before).
    fileprivate func dividedRoundingDown(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
