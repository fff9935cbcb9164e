import Foundation
import PrakerjaClient
import PrakerjaModels

/// Redeem codes and attendance: the LP side of the program.
extension SandboxStore {
    /// The key and record of `code` as `provider` sees it; test codes come to life on first use.
    mutating func lookUp(_ code: RedeemCode, provider: String) throws(SandboxFailure) -> String {
        if code.isTestCode {
            let key = "\(provider)|\(code.value)"
            if redeemCodes[key] == nil {
                guard let fresh = TestCodes.record(code.value, provider: provider, platform: defaultPlatform, now: now) else {
                    throw SandboxFailure(.redeemCodeNotFound, "redeem code \(code) does not exist")
                }
                redeemCodes[key] = fresh
            }
            return try checkOwnership(key, provider: provider)
        }
        guard redeemCodes[code.value] != nil else { throw SandboxFailure(.redeemCodeNotFound, "redeem code \(code) does not exist") }
        return try checkOwnership(code.value, provider: provider)
    }

    private mutating func checkOwnership(_ key: String, provider: String) throws(SandboxFailure) -> String {
        let record = redeemCodes[key]!
        guard record.providerCode == provider else {
            throw SandboxFailure(.notThisProvidersCode, "redeem code \(record.code) belongs to another training institution")
        }
        switch record.state {
        case .cancelled: throw SandboxFailure(.redeemCodeCancelled, "redeem code \(record.code) was cancelled")
        case .transactionCancelled: throw SandboxFailure(.transactionCancelled, "the purchase behind redeem code \(record.code) was cancelled")
        case .active, .redeemed: return key
        }
    }

    /// Checks that `sequence` may be used now, in the order the program enforces.
    mutating func checkUsable(_ key: String, sequence: AttendanceSequence) throws(SandboxFailure) {
        let record = redeemCodes[key]!
        let course = courses[record.courseCode]!, schedule = schedules[record.scheduleCode]!
        let sessionCount = course.method.isLive ? schedule.sessions.count : 1
        switch sequence {
        case .session(let number):
            if number > sessionCount {
                if !course.method.isLive {
                    throw SandboxFailure(.wrongTrainingType, "\(course.code) is self-paced: it has sequence 1 and 999 only, not \(number)")
                }
                throw SandboxFailure(.noSuchSession, "\(course.code) has \(sessionCount) sessions, not \(number)")
            }
            if number > 1 {
                guard record.state == .redeemed else {
                    throw SandboxFailure(.notRedeemed, "commit redeem code \(record.code) after session 1 before session \(number)")
                }
                guard record.attendance(number - 1) == .verified else {
                    throw SandboxFailure(.sequenceOutOfOrder, "session \(number - 1) attendance is not verified yet")
                }
            }
        case .postTest:
            guard record.state == .redeemed else {
                throw SandboxFailure(.notRedeemed, "commit redeem code \(record.code) after session 1 before the post-test")
            }
            if let missing = (1...sessionCount).first(where: { record.attendance($0) != .verified }) {
                throw SandboxFailure(.postTestTooEarly, "session \(missing) attendance is not verified yet")
            }
            if !record.isTestCode, course.method.isLive, let last = schedule.sessions.last, now < last.end {
                throw SandboxFailure(.postTestTooEarly, "the post-test opens after the last session ends, \(ProgramTime.format(last.end))")
            }
        }
        guard !record.isTestCode, case .session(let number) = sequence else { return }
        if course.method.isLive {
            let start = schedule.sessions[number - 1].start
            guard abs(now.timeIntervalSince(start)) <= 3600 else {
                throw SandboxFailure(
                    .outsideUsageWindow,
                    "session \(number) starts \(ProgramTime.format(start)); "
                        + "its code is usable from \(ProgramTime.format(start - 3600)) to \(ProgramTime.format(start + 3600))")
            }
        } else if now < schedule.period.start || now > schedule.period.end {
            throw SandboxFailure(.outsideUsageWindow, "the self-paced period is \(ProgramTime.range(schedule.period.start, schedule.period.end))")
        }
    }

    mutating func redeemStatus(_ request: StatusCall, provider: String) throws(SandboxFailure) -> RedeemStatus {
        let key = try lookUp(request.redeemCode, provider: provider)
        let sequence = request.sequence ?? currentSequence(of: key)
        try checkUsable(key, sequence: sequence)
        return status(of: key, sequence: sequence.rawValue)
    }

    /// What a status call without `sequence` (the 2022 form) is about: session 1 until the code
    /// is committed, then the first session whose attendance is not verified, then the post-test.
    func currentSequence(of key: String) -> AttendanceSequence {
        let record = redeemCodes[key]!
        guard record.state == .redeemed else { return .session(1) }
        let course = courses[record.courseCode]!, schedule = schedules[record.scheduleCode]!
        let sessionCount = course.method.isLive ? schedule.sessions.count : 1
        return (1...sessionCount).first { record.attendance($0) != .verified }.map { .session($0) } ?? .postTest
    }

    mutating func status(of key: String, sequence: Int) -> RedeemStatus {
        let record = redeemCodes[key]!
        let course = courses[record.courseCode]!, schedule = schedules[record.scheduleCode]!
        let range: String
        if course.method.isLive, let first = schedule.sessions.first, let last = schedule.sessions.last {
            range =
                schedule.sessions.indices.contains(sequence - 1)
                ? ProgramTime.range(schedule.sessions[sequence - 1].start, schedule.sessions[sequence - 1].end)
                : ProgramTime.range(first.start, last.end)
        } else {
            range = ProgramTime.range(schedule.period.start, schedule.period.end)
        }
        return RedeemStatus(
            redeemCode: record.code, courseCode: record.courseCode, invoiceCode: record.invoiceCode, scheduleCode: record.scheduleCode,
            status: record.state == .redeemed ? .redeemed : .active,
            attendanceStatus: AttendanceStatus(rawValue: record.attendance(sequence).rawValue), redeemAt: record.redeemedAt.map(ProgramTime.format),
            dpPlatform: record.platformCode, scheduleStartEnd: range, courseType: ProgramCourseType(course.method),
            courseTypeLabel: course.method.label, courseLearningMethod: course.method.rawValue,
            isOnlineAttendance: course.method.attendsOnline, sequence: sequence)
    }

    mutating func commit(_ request: RedeemCodeRequest, provider: String) throws(SandboxFailure) -> RedeemCodeState {
        let key = try lookUp(request.redeemCode, provider: provider)
        guard redeemCodes[key]!.state == .active else {
            throw SandboxFailure(
                .alreadyUsed,
                "redeem code \(request.redeemCode) was already used at \(redeemCodes[key]!.redeemedAt.map(ProgramTime.format) ?? "an earlier time")")
        }
        try checkUsable(key, sequence: .session(1))
        // An offline course's attendance is taken in the room, not verified online (`is_online_attendance` false).
        guard !courses[redeemCodes[key]!.courseCode]!.method.attendsOnline || redeemCodes[key]!.attendance(1) == .verified else {
            throw SandboxFailure(.attendanceNotVerified, "verify session 1 attendance (oauth/url-generate) before committing \(request.redeemCode)")
        }
        redeemCodes[key]!.state = .redeemed
        redeemCodes[key]!.redeemedAt = now
        return RedeemCodeState(redeemCode: request.redeemCode.value, status: .redeemed, redeemAt: ProgramTime.format(now))
    }

    mutating func reset(_ request: RedeemCodeRequest, provider: String) throws(SandboxFailure) -> RedeemCodeState {
        guard let fresh = TestCodes.record(request.redeemCode.value, provider: provider, platform: defaultPlatform, now: now) else {
            throw SandboxFailure(.notATestCode, "\(request.redeemCode) is not a sandbox test code (PRAT-...)")
        }
        let key = "\(provider)|\(request.redeemCode.value)"
        redeemCodes[key] = fresh
        tasks = tasks.filter { !$0.key.hasPrefix(key + "|") }
        courseEmails = courseEmails.filter { $0.value != fresh.participantID }
        verifications = verifications.filter { $0.value.recordKey != key }
        return RedeemCodeState(
            redeemCode: fresh.code, status: fresh.state == .redeemed ? .redeemed : .active,
            redeemAt: fresh.redeemedAt.map(ProgramTime.format))
    }

    mutating func attendanceURL(_ request: AttendanceURLRequest, provider: String) throws(SandboxFailure) -> AttendanceURL {
        let key = try lookUp(request.redeemCode, provider: provider)
        try checkUsable(key, sequence: request.sequence)
        let record = redeemCodes[key]!
        guard let redirect = URLComponents(string: request.redirectURI), ["http", "https"].contains(redirect.scheme?.lowercased() ?? ""),
            !(redirect.host ?? "").isEmpty
        else { throw SandboxFailure(.invalidRedirectURI, "redirect_uri \"\(request.redirectURI.prefix(80))\" is not an absolute http(s) URL") }
        let email = request.email.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
            throw SandboxFailure(.invalidEmail, "email is not an e-mail address")
        }
        if let owner = courseEmails["\(record.courseCode)|\(email)"], owner != record.participantID {
            throw SandboxFailure(.emailAlreadyUsed, "email \(Masking.email(email)) was already used by another participant of \(record.courseCode)")
        }
        let sequence = request.sequence.rawValue
        guard record.attendance(sequence) != .verified else {
            throw SandboxFailure(.attendanceAlreadyVerified, "attendance for sequence \(sequence) of \(record.code) is already verified")
        }
        let state = Self.token()
        verifications[state] = AttendanceVerification(recordKey: key, sequence: sequence, redirectURI: request.redirectURI, email: email)
        let course = courses[record.courseCode]!
        return AttendanceURL(
            url: "\(baseURL)/attendance/verify?state=\(state)", state: state,
            course: .init(type: ProgramCourseType(course.method), learningMethod: course.method.rawValue))
    }

    /// The participant's visit to the verification page: records the outcome and returns where to
    /// redirect the browser, or nil for an unknown or used state.
    mutating func completeVerification(state: String) -> String? {
        guard let verification = verifications.removeValue(forKey: state), let record = redeemCodes[verification.recordKey] else { return nil }
        let succeeded = !record.failsVerification
        redeemCodes[verification.recordKey]!.attendance[verification.sequence] = succeeded ? .verified : .failed
        if succeeded { courseEmails["\(record.courseCode)|\(verification.email)"] = record.participantID }
        var redirect = URLComponents(string: verification.redirectURI)!
        redirect.queryItems =
            (redirect.queryItems ?? []) + [
                URLQueryItem(name: "state", value: state), URLQueryItem(name: "status", value: succeeded ? "success" : "failed"),
            ]
        return redirect.string
    }
}

extension LearningMethod {
    /// Whether a participant's attendance is verified online (`oauth/url-generate`): every method
    /// but offline, whose attendance the provider takes in the room.
    var attendsOnline: Bool { self != .offline }
}
