import Testing

@testable import Batten

/// Exemption expiry dates are days of the calendar, compared as dates.
struct CalendarDateTests {
    @Test(arguments: ["2020-02-29", "2000-02-29", "2025-12-31", "1999-01-01"])
    func realDates(_ text: String) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.description == text)
    }

    @Test(arguments: [
        "2020-02-30", "2021-02-29", "1900-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "2025-01-00",
        "2025-1-01", "25-01-01", "２０２５-01-01", "2025-01-01x", "", "2025--01",
    ])
    func notDates(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func datesCompareAsDates() throws {
        let earlier = try #require(CalendarDate("2025-09-30"))
        let later = try #require(CalendarDate("2025-10-01"))
        #expect(earlier < later)
        let exemption = Exemption(rule: "*", target: ExemptionTarget(), reason: "x", expires: "2025-09-30", origin: "policy.yaml")
        #expect(!exemption.isExpired(today: "2025-09-30"))
        #expect(exemption.isExpired(today: "2025-10-01"))
        let impossible = Exemption(rule: "*", target: ExemptionTarget(), reason: "x", expires: "2099-02-30", origin: "policy.yaml")
        #expect(impossible.isExpired(today: "2025-01-01"), "an expiry that is not a date never suppresses")
    }
}
