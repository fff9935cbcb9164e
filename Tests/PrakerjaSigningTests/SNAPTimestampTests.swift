import Foundation
import PrakerjaSigning
import Testing

@Suite struct SNAPTimestampTests {
    @Test func formatsInJakartaTimeWithTheOffset() {
        let date = Date(timeIntervalSince1970: 1_635_833_655)  // 2021-11-02T06:14:15Z
        #expect(SNAPTimestamp.format(date) == "2021-11-02T13:14:15+07:00")
        #expect(SNAPTimestamp.format(date, utcOffsetSeconds: 0) == "2021-11-02T06:14:15+00:00")
        #expect(SNAPTimestamp.format(date, utcOffsetSeconds: 9 * 3600) == "2021-11-02T15:14:15+09:00")
    }

    @Test(arguments: [
        "2021-11-02T13:14:15+07:00", "2021-11-02T06:14:15Z", "2021-11-02T06:14:15+00:00",
        "2021-11-02T15:14:15+09:00", "2021-11-01T23:14:15-07:00",
    ])
    func parsesEveryOffsetToTheSameInstant(_ text: String) throws {
        #expect(try SNAPTimestamp.parse(text) == Date(timeIntervalSince1970: 1_635_833_655))
    }

    @Test func keepsFractionalSeconds() throws {
        #expect(try SNAPTimestamp.parse("2021-11-02T13:14:15.250+07:00") == Date(timeIntervalSince1970: 1_635_833_655.25))
    }

    @Test(arguments: [
        "1635833655", "2021-11-02 13:14:15+07:00", "2021-11-02T13:14:15", "2021-11-02T13:14:15+0700",
        "2021-13-02T13:14:15+07:00", "2021-02-30T13:14:15+07:00", "2021-11-02T24:00:00+07:00", "2021-11-02T13:14:15.+07:00", "",
    ])
    func refusesMalformedTimestamps(_ text: String) {
        #expect(throws: SignatureError.self) { try SNAPTimestamp.parse(text) }
    }
}
