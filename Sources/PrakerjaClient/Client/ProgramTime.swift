import Foundation
import PrakerjaModels

/// The program's date-time text: `YYYY-MM-DD HH:MM:SS` in Jakarta time (WIB, UTC+7), as in
/// `redeem_at`, `created_at` and `schedule_start_end`.
public enum ProgramTime {
    public static func format(_ date: Date) -> String {
        let day = CalendarDate(date)
        let seconds = ((Int(date.timeIntervalSince1970.rounded(.down)) + CalendarDate.wibOffsetSeconds) % 86_400 + 86_400) % 86_400
        // Written digit by digit: responses carry several of these, and interpolation allocates per part.
        let fields = [
            (day.year, 4, UInt8(ascii: "-")), (day.month, 2, UInt8(ascii: "-")), (day.day, 2, UInt8(ascii: " ")),
            (seconds / 3600, 2, UInt8(ascii: ":")), (seconds / 60 % 60, 2, UInt8(ascii: ":")), (seconds % 60, 2, 0),
        ]
        return String(unsafeUninitializedCapacity: 19) { buffer in
            var index = 0
            for (value, width, separator) in fields {
                var rest = value
                for position in stride(from: width - 1, through: 0, by: -1) {
                    buffer[index + position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += width
                if separator != 0 {
                    buffer[index] = separator
                    index += 1
                }
            }
            return index
        }
    }

    /// Parses the program's form; nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let day = try? CalendarDate(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3, (0..<24).contains(time[0]), (0..<60).contains(time[1]), (0..<60).contains(time[2]) else { return nil }
        return day.startDate().addingTimeInterval(TimeInterval(time[0] * 3600 + time[1] * 60 + time[2]))
    }

    /// `start - end`, as in `schedule_start_end`.
    public static func range(_ start: Date, _ end: Date) -> String { "\(format(start)) - \(format(end))" }

}
