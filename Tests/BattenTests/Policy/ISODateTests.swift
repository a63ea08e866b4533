import Foundation
import Testing

@testable import Batten

/// Today's date for exemptions and overrides comes from the C library; it must be the date a
/// Gregorian calendar in UTC gives.
struct ISODateTests {
    @Test func todayIsTheUTCDateOfAGregorianCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        func foundationToday() -> String {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date())
            return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        }
        let before = foundationToday()
        let today = ISODate.today()
        let after = foundationToday()
        // Across midnight the two readings differ; the date is then one of them.
        #expect(today == before || today == after)
    }

    @Test(arguments: [
        (2026, 11, 30, "2026-11-30"), (2026, 1, 5, "2026-01-05"), (987, 12, 31, "0987-12-31"),
        (12345, 6, 7, "12345-06-07"),
    ])
    func datesArePaddedToTheirWidths(_ year: Int, _ month: Int, _ day: Int, _ text: String) {
        #expect(ISODate.format(year: year, month: month, day: day) == text)
    }
}
