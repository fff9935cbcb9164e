import Foundation

extension Date {
    /// This moment on a Jakarta (WIB) clock, written with a `DateFormatter` pattern
    /// (`yyyy-MM-dd HH:mm`).
    public func jakarta(_ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: CalendarDate.wibOffsetSeconds)
        formatter.dateFormat = pattern
        return formatter.string(from: self)
    }
}
