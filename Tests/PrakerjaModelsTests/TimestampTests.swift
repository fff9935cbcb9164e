import Foundation
import PrakerjaModels
import Testing

@Suite struct TimestampTests {
    @Test func writesJakartaTimeAndReadsAnyOffset() throws {
        let instant = Date(timeIntervalSince1970: 1_635_833_655)  // 2021-11-02T06:14:15Z
        #expect(Timestamp(instant).description == "2021-11-02T13:14:15+07:00")
        for text in ["2021-11-02T13:14:15+07:00", "2021-11-02T06:14:15Z", "2021-11-02T01:14:15-05:00", "2021-11-02T13:14:15.000+07:00"] {
            #expect(try Timestamp(text).date == instant, "\(text)")
        }
        #expect(try Timestamp("2021-11-02T13:14:15.250+07:00").date == instant.addingTimeInterval(0.25))
    }

    @Test(arguments: [
        "", "2021-11-02", "2021-11-02 13:14:15+07:00", "2021-11-02T13:14:15", "2021-11-02T13:14:15+0700",
        "2021-13-02T13:14:15+07:00", "2021-02-30T13:14:15+07:00", "2021-11-02T24:00:00+07:00", "1635833655",
    ])
    func refusesWhatIsNotRFC3339WithAnOffset(_ text: String) {
        #expect(throws: FieldError.self) { try Timestamp(text) }
    }
}
