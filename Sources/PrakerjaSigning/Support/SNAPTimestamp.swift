import Foundation
import PrakerjaModels

/// SNAP BI's X-TIMESTAMP: ISO-8601 with a UTC offset, `2021-11-02T13:14:15+07:00` (a `Timestamp`).
public enum SNAPTimestamp {
    /// Formats `date` at `utcOffsetSeconds` from UTC (WIB, +07:00, by default), to the second.
    public static func format(_ date: Date, utcOffsetSeconds: Int = CalendarDate.wibOffsetSeconds) -> String {
        Timestamp.format(date, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    public static func parse(_ text: String, header: String = "X-TIMESTAMP") throws(SignatureError) -> Date {
        do {
            return try Timestamp(text).date
        } catch {
            let reason =
                error.reason.hasPrefix("expected")
                ? "expected ISO-8601 with an offset, like 2021-11-02T13:14:15+07:00"
                : "is not a real date and time"
            throw SignatureError.malformedTimestamp(header: header, reason: reason)
        }
    }
}
