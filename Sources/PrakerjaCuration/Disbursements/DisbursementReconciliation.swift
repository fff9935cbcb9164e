import Foundation
import PrakerjaModels
import Synchronization

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
///
/// Memory does not grow with the instructions beyond `partitionBytes`' worth: larger files are
/// partitioned to temporary files by a hash of the reference in the one pass each file gets, and
/// joined a partition at a time (a Grace hash join).
public struct DisbursementReconciliation: Sendable {
    /// The columns of an instruction row.
    public static let instructionColumns = ["reference", "partner", "nik", "incentiveMonth", "amount", "eligibleOn"]
    /// The columns of a statement row.
    public static let statementColumns = ["reference", "partnerReference", "partner", "amount", "fee", "paidAt", "holderNIK", "status"]

    /// Working days after an instruction's `eligibleOn` by which it must be paid (the rule pack's
    /// `incentivePaymentWorkingDays`: 5, "3-5 hari kerja").
    public let workingDays: Int
    public let calendar: WorkingDayCalendar
    /// How many bytes of instructions a partition holds: larger files are joined a partition at
    /// a time, both sides spilled to temporary files by a hash of the reference (memory stays
    /// about this file size's worth of instructions, whatever the number).
    public let partitionBytes: Int

    public init(workingDays: Int, calendar: WorkingDayCalendar, partitionBytes: Int = 96 << 20) {
        self.workingDays = workingDays
        self.calendar = calendar
        self.partitionBytes = max(1, partitionBytes)
    }

    /// One instruction of a partition as the join keeps it, with what its statements said: its
    /// references as spans of the partition's bytes (a string is made only for an exception).
    struct Instruction {
        let reference: Span
        let order: UInt32
        let partner: UInt16
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
        /// Spans of the partition's statements.
        var firstPartnerReference = Span.empty
        var otherPartnerReference = Span.empty
    }

    /// Reconciles `instructions` against `statements`: each file read once into partitions (one
    /// when the instructions are small), then each partition joined and judged; a recipient's
    /// month paid under two references is found last, from the paid instructions partitioned by NIK.
    public func reconcile(instructions path: String, statements: [String]) throws(FeedError) -> ReconciliationReport {
        var report = ReconciliationReport(workingDays: workingDays)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        let count = min(4096, size / partitionBytes + 1)
        let scratch = FileManager.default.temporaryDirectory.appending(path: "prakerja-reconcile-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) } catch {
            throw FeedError(file: scratch.path, reason: "cannot be made (the reconciliation's temporary files): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }

        // 1 and 2. The instructions and the statements, checked, into partitions by reference:
        // the two read at once, one on each core (a statement names its partner by its own
        // number, matched to the instructions' partners when joined).
        let instructions = try SpillPartitions(folder: scratch, name: "instructions", count: count)
        let payments = try SpillPartitions(folder: scratch, name: "statements", count: count)
        typealias Read = Result<(partners: [String], problems: [FeedProblem]), FeedError>
        let read = Mutex<[Read?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { side in
            let result =
                side == 0
                ? Read { () throws(FeedError) in try self.read(instructions: path, into: instructions) }
                : Read { () throws(FeedError) in try self.read(statements: statements, into: payments) }
            read.withLock { $0[side] = result }
        }
        let (partners, instructionProblems) = try read.withLock { $0[0] }!.get()
        let (statementPartners, statementProblems) = try read.withLock { $0[1] }!.get()
        try instructions.finish()
        try payments.finish()
        for problem in instructionProblems + statementProblems { report.problem(problem) }
        report.partners = partners.map { ReconciliationReport.PartnerCounts(partner: $0) }
        // Each statement partner's number among the instructions' partners (nil: none instructed).
        let partnerNumbers = statementPartners.map { name in partners.firstIndex(of: name).map(UInt16.init) }

        // 3. Each partition joined and its instructions judged; the paid ones, by NIK, for step 4.
        let months = try SpillPartitions(folder: scratch, name: "months", count: count)
        for partition in 0..<count {
            try join(
                partition, instructions, payments, path: path, statements: statements, partners: partners,
                statementPartners: (statementPartners, partnerNumbers), months: months, into: &report)
        }
        try months.finish()

        // 4. A recipient's month paid under more than one instruction: all but the first are double payments.
        for partition in 0..<count {
            var cursor = RecordCursor(try months.read(partition))
            var first: [UInt64: (order: UInt32, reference: Span)] = [:]
            var records: [(key: UInt64, order: UInt32, partner: UInt16, clean: Bool, reference: Span, partnerReference: Span)] = []
            while !cursor.atEnd {
                let reference = cursor.getSpan(), partnerReference = cursor.getSpan()
                let key: UInt64 = cursor.get(), order: UInt32 = cursor.get(), partner: UInt16 = cursor.get(), clean: UInt8 = cursor.get()
                records.append((key, order, partner, clean == 1, reference, partnerReference))
                if let known = first[key], known.order < order { continue }
                first[key] = (order, reference)
            }
            for record in records where first[record.key]?.order != record.order {
                let nik = record.key / 8, month = record.key % 8
                report.exception(
                    .init(
                        kind: .paidTwice, partner: partners[Int(record.partner)], reference: cursor.text(record.reference),
                        partnerReference: cursor.text(record.partnerReference),
                        detail:
                            "month \(month) for NIK \(Masking.nik(Self.nikText(nik))) was paid under \(cursor.text(first[record.key]!.reference)) too"
                    ))
                report.partners[Int(record.partner)].add(.paidTwice)
                if record.clean { report.partners[Int(record.partner)].onTime -= 1 }
            }
        }
        return report
    }

    /// Reads the instructions into `partitions`: the partners they name (in the order first
    /// named) and every row set aside.
    private func read(
        instructions path: String, into partitions: SpillPartitions
    ) throws(FeedError) -> (
        partners: [String], problems: [FeedProblem]
    ) {
        // A handful of partners: found by their bytes, a string made once for each.
        var partners: [String] = [], partnerNames: [[UInt8]] = [], problems: [FeedProblem] = []
        var dueDays: [Int32: Int32] = [:]
        var order: UInt32 = 0
        let count = partitions.count
        try FeedReader(path: path, columns: Self.instructionColumns, textColumns: ["reference", "partner", "nik", "eligibleOn"]).forEachRow {
            (fields, line) throws(FeedValues.Invalid) in
            try FeedValues.checkIdentifier(fields[0], "reference")
            try FeedValues.checkIdentifier(fields[1], "partner")
            let nik = try FeedValues.nik(fields[2], "nik")
            let month = try FeedValues.digit(fields[3], "incentiveMonth", in: 1...4)
            let amount = try FeedValues.rupiah(fields[4], "amount")
            let eligible = try FeedValues.date(fields[5], "eligibleOn")
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
            let index = try Self.number(of: fields[1], among: &partners, names: &partnerNames)
            partitions.append(SpillPartitions.partition(of: fields[0], among: count)) { record in
                record.put(bytes: fields[0])
                record.put(order)
                record.put(UInt32(clamping: line))
                record.put(index)
                record.put(UInt8(month))
                record.put(nik)
                record.put(amount)
                record.put(eligibleDay)
                record.put(due)
            }
            order += 1
        } problem: {
            problems.append($0)
        }
        return (partners, problems)
    }

    /// Reads the statements into `partitions`, each naming its partner by its number among the
    /// partners the statements name: those partners, and every row set aside.
    private func read(statements: [String], into partitions: SpillPartitions) throws(FeedError) -> (partners: [String], problems: [FeedProblem]) {
        var partners: [String] = [], partnerNames: [[UInt8]] = [], problems: [FeedProblem] = []
        let count = partitions.count
        for (number, file) in statements.enumerated() {
            let reader = try FeedReader(
                path: file, columns: Self.statementColumns,
                textColumns: ["reference", "partnerReference", "partner", "paidAt", "holderNIK", "status"])
            try reader.forEachRow { (fields, line) throws(FeedValues.Invalid) in
                try FeedValues.checkIdentifier(fields[0], "reference")
                try FeedValues.checkIdentifier(fields[1], "partnerReference")
                try FeedValues.checkIdentifier(fields[2], "partner")
                let amount = try FeedValues.rupiah(fields[3], "amount")
                let fee = try FeedValues.rupiah(fields[4], "fee")
                let paidAt = try FeedValues.instant(fields[5], "paidAt")
                let holder = try FeedValues.nik(fields[6], "holderNIK")
                let status = try Self.status(fields[7])
                let partner = try Self.number(of: fields[2], among: &partners, names: &partnerNames)
                partitions.append(SpillPartitions.partition(of: fields[0], among: count)) { record in
                    record.put(bytes: fields[0])
                    record.put(bytes: fields[1])
                    record.put(UInt16(number))
                    record.put(UInt32(clamping: line))
                    record.put(partner)
                    record.put(amount)
                    record.put(fee)
                    record.put(Int32(FeedValues.jakartaDay(paidAt)))
                    record.put(holder)
                    record.put(status.rawValue)
                }
            } problem: {
                problems.append($0)
            }
        }
        return (partners, problems)
    }

    /// The number of the partner `name` names among `partners` (added when new).
    private static func number(
        of name: ArraySlice<UInt8>, among partners: inout [String], names: inout [[UInt8]]
    ) throws(FeedValues.Invalid)
        -> UInt16
    {
        if let known = names.firstIndex(where: { $0.elementsEqual(name) }) { return UInt16(known) }
        guard partners.count < Int(UInt16.max) else { throw FeedValues.Invalid(reason: "more than 65,535 partners") }
        partners.append(String(decoding: name, as: UTF8.self))
        names.append(Array(name))
        return UInt16(partners.count - 1)
    }

    /// Joins one partition: its instructions (the first of a reference; a later one is a duplicate
    /// row), then its statements applied to them, then each instruction judged. References are
    /// found by their bytes in the partition's (`ReferenceIndex`): no string is made but for an
    /// exception or a problem.
    private func join(
        _ partition: Int, _ instructions: SpillPartitions, _ payments: SpillPartitions, path: String, statements: [String], partners: [String],
        statementPartners: (names: [String], numbers: [UInt16?]), months: SpillPartitions, into report: inout ReconciliationReport
    ) throws(FeedError) {
        var orders = RecordCursor(try instructions.read(partition))
        var rows: [Instruction] = []
        // An instruction's record is at least 37 bytes: a bound on how many the partition holds.
        var index = ReferenceIndex(capacity: orders.bytes.count / 37 + 1)
        while !orders.atEnd {
            let reference = orders.getSpan()
            let order: UInt32 = orders.get(), line: UInt32 = orders.get()
            let row = Instruction(
                reference: reference, order: order, partner: orders.get(), month: orders.get(), nik: orders.get(), amount: orders.get(),
                eligibleDay: orders.get(), dueDay: orders.get())
            // A partition holds its references in file order: the first one read stands.
            let hash = FeedValues.hash(orders.slice(reference))
            guard index.find(orders.slice(reference), hash: hash, keyOf: { orders.slice(rows[Int($0)].reference) }) == nil else {
                report.problem(
                    FeedProblem(file: path, line: Int(line), kind: .duplicate, reason: "reference \(orders.text(reference)) is instructed again"))
                continue
            }
            index.insert(Int32(rows.count), hash: hash)
            rows.append(row)
        }
        var paid = RecordCursor(try payments.read(partition))
        while !paid.atEnd {
            let referenceSpan = paid.getSpan(), partnerReference = paid.getSpan()
            let file = statements[Int(paid.get(UInt16.self))], line = Int(paid.get(UInt32.self)), stated = Int(paid.get(UInt16.self))
            let amount: Int64 = paid.get(), fee: Int64 = paid.get(), paidDay: Int32 = paid.get(), holder: UInt64 = paid.get()
            let status = Status(rawValue: paid.get()) ?? .failed
            guard let partner = statementPartners.numbers[stated] else {
                report.problem(
                    FeedProblem(file: file, line: line, kind: .unknown, reason: "partner \(statementPartners.names[stated]) has no instruction"))
                continue
            }
            let reference = paid.slice(referenceSpan)
            guard let found = index.find(reference, hash: FeedValues.hash(reference), keyOf: { orders.slice(rows[Int($0)].reference) }) else {
                if status == .paid {
                    report.exception(
                        .init(
                            kind: .notInstructed, partner: partners[Int(partner)], reference: paid.text(referenceSpan),
                            partnerReference: paid.text(partnerReference),
                            detail: "paid \(Self.rupiah(amount)) to NIK \(Masking.nik(Self.nikText(holder))) with no instruction"))
                    report.partners[Int(partner)].notInstructed += 1
                } else {
                    report.problem(
                        FeedProblem(file: file, line: line, kind: .unknown, reason: "reference \(paid.text(referenceSpan)) was never instructed"))
                }
                continue
            }
            let row = Int(found)
            guard rows[row].partner == partner else {
                report.problem(
                    FeedProblem(
                        file: file, line: line, kind: .unknown,
                        reason:
                            "reference \(paid.text(referenceSpan)) was instructed to \(partners[Int(rows[row].partner)]), not \(partners[Int(partner)])"
                    ))
                continue
            }
            switch status {
            case .pending: rows[row].pending = true
            case .failed: rows[row].failed = true
            case .paid:
                if rows[row].paid > 0, paid.slice(rows[row].firstPartnerReference).elementsEqual(paid.slice(partnerReference)) {
                    report.problem(
                        FeedProblem(
                            file: file, line: line, kind: .duplicate,
                            reason: "payment \(paid.text(partnerReference)) of \(paid.text(referenceSpan)) again"))
                    continue
                }
                if rows[row].paid == 0 {
                    rows[row].firstPaidDay = paidDay
                    rows[row].firstAmount = amount
                    rows[row].firstFee = fee
                    rows[row].firstHolder = holder
                    rows[row].firstPartnerReference = partnerReference
                } else if rows[row].otherPartnerReference.count == 0 {
                    rows[row].otherPartnerReference = partnerReference
                }
                rows[row].paid += 1
            }
        }
        for row in rows {
            let clean = judge(row, orders: orders, paid: paid, partner: partners[Int(row.partner)], into: &report)
            if row.paid > 0 {
                months.append(Int(row.nik % UInt64(months.count))) { record in
                    record.put(bytes: orders.slice(row.reference))
                    record.put(bytes: paid.slice(row.firstPartnerReference))
                    record.put(row.nik &* 8 &+ UInt64(row.month))
                    record.put(row.order)
                    record.put(row.partner)
                    record.put(UInt8(clean ? 1 : 0))
                }
            }
        }
    }

    /// Judges one instruction: its exceptions into the report, its partner's counts; whether it was paid right.
    private func judge(_ row: Instruction, orders: RecordCursor, paid: RecordCursor, partner: String, into report: inout ReconciliationReport) -> Bool
    {
        var counts = report.partners[Int(row.partner)]
        defer { report.partners[Int(row.partner)] = counts }
        counts.instructions += 1
        func exception(_ kind: ReconciliationReport.Kind, _ detail: String) {
            report.exception(
                .init(
                    kind: kind, partner: partner, reference: orders.text(row.reference), partnerReference: paid.text(row.firstPartnerReference),
                    detail: detail))
            counts.add(kind)
        }
        guard row.paid > 0 else {
            let state = row.pending ? "pending" : row.failed ? "failed" : "no statement"
            exception(.neverPaid, "month \(row.month) for NIK \(Masking.nik(Self.nikText(row.nik))): \(state)")
            return false
        }
        counts.paid += 1
        var clean = true
        if row.paid > 1 {
            exception(.paidTwice, "paid \(row.paid) times under this reference (also \(paid.text(row.otherPartnerReference)))")
            clean = false
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
            let late = (try? calendar.workingDays(after: due, through: paid)).map { "\($0) working days" } ?? "\(paid.dayNumber - due.dayNumber) days"
            exception(
                .late,
                "paid \(paid), due by \(due) (\(workingDays) working days after \(CalendarDate(dayNumber: Int(row.eligibleDay)))): \(late) late")
            clean = false
        }
        if clean { counts.onTime += 1 }
        return clean
    }

    /// A statement's `latestTransactionStatus`, as SNAP writes it.
    enum Status: UInt8 { case paid, pending, failed }

    static func status(_ bytes: ArraySlice<UInt8>) throws(FeedValues.Invalid) -> Status {
        switch String(decoding: bytes, as: UTF8.self) {
        case "00": .paid
        case "03": .pending
        case "06": .failed
        default: throw FeedValues.Invalid(reason: "status must be 00 (paid), 03 (pending) or 06 (failed), got \(FeedValues.shown(bytes))")
        }
    }

    /// An amount as people read it: `Rp600.000`.
    static func rupiah(_ amount: Int64) -> String { Rupiah(integerLiteral: amount).description }

    /// A NIK's 16 digits.
    static func nikText(_ nik: UInt64) -> String {
        let digits = String(nik)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }
}
