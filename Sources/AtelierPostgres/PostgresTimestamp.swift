import Foundation

/// Converts between `Date` and PostgreSQL's ISO timestamp text (`2024-05-01 12:30:00.123456+00`)
/// by calendar arithmetic rather than `DateFormatter`: exact to the microsecond, independent
/// of locale, and cheap enough for every row.
enum PostgresTimestamp {
    private static let microsecondsPerSecond: Int64 = 1_000_000
    private static let microsecondsPerDay: Int64 = 86_400 * 1_000_000

    /// UTC text with microseconds; years before 1 are written with PostgreSQL's ` BC` suffix.
    static func format(_ date: Date) -> String {
        let micros = microseconds(since1970: date.timeIntervalSince1970)
        let days = floorDivide(micros, microsecondsPerDay)
        let timeOfDay = micros - days * microsecondsPerDay
        let (year, month, day) = civilDate(fromDaysSince1970: days)
        let seconds = timeOfDay / microsecondsPerSecond
        let fraction = timeOfDay % microsecondsPerSecond
        let displayYear = year > 0 ? year : 1 - year
        var text = pad(displayYear, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += " " + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        text += "." + pad(fraction, 6) + "+00"
        if year <= 0 { text += " BC" }
        return text
    }

    /// Parses `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][±HH[:MM[:SS]]|Z][ BC]`, and `infinity` /
    /// `-infinity` as `Date.distantFuture` / `Date.distantPast`. Text without an offset is UTC.
    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var scanner = DigitScanner(bytes: Array(text.utf8))
        var isBC = false
        if scanner.bytes.count > 3, scanner.bytes.suffix(3).elementsEqual(" BC".utf8) {
            isBC = true
            scanner.bytes.removeLast(3)
        }
        guard let rawYear = scanner.number(minDigits: 4, maxDigits: 7), scanner.take("-"),
            let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.take("-"),
            let day = scanner.number(minDigits: 2, maxDigits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var micros: Int64 = 0
        if scanner.take(" ") || scanner.take("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.take(":"),
                let minute = scanner.number(minDigits: 2, maxDigits: 2)
            else { return nil }
            var second: Int64 = 0
            if scanner.take(":") {
                guard let value = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                second = value
            }
            micros = ((hour * 60 + minute) * 60 + second) * microsecondsPerSecond
            if scanner.take(".") {
                guard let (fraction, digits) = scanner.fraction(), digits > 0 else { return nil }
                micros += fraction
            }
        }
        if scanner.take("Z") {
            // UTC.
        } else if let sign = scanner.sign() {
            guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
            var offsetSeconds = hours * 3600
            if scanner.take(":") {
                guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                offsetSeconds += minutes * 60
                if scanner.take(":") {
                    guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    offsetSeconds += seconds
                }
            }
            micros -= sign * offsetSeconds * microsecondsPerSecond
        }
        guard scanner.isAtEnd else { return nil }
        let year = isBC ? 1 - rawYear : rawYear
        let days = daysSince1970(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * microsecondsPerDay + micros) / 1_000_000)
    }

    private static func microseconds(since1970 seconds: Double) -> Int64 {
        let micros = (seconds * 1_000_000).rounded()
        guard micros.isFinite else { return micros < 0 ? Int64.min / 2 : Int64.max / 2 }
        return Int64(max(min(micros, Double(Int64.max / 2)), Double(Int64.min / 2)))
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Howard Hinnant's `days_from_civil`: proleptic Gregorian date to days since 1970-01-01.
    private static func daysSince1970(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Howard Hinnant's `civil_from_days`, the inverse of `daysSince1970`.
    private static func civilDate(fromDaysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// A cursor over ASCII digits and separators.
    private struct DigitScanner {
        var bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func take(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int64? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while index < bytes.count, count < maxDigits, let digit = Self.digit(bytes[index]) {
                value = value * 10 + digit
                count += 1
                index += 1
            }
            return count >= minDigits ? value : nil
        }

        /// Fractional seconds as microseconds (digits beyond six are dropped; PostgreSQL never sends them).
        mutating func fraction() -> (Int64, Int)? {
            var micros: Int64 = 0
            var count = 0
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                if count < 6 { micros = micros * 10 + digit }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 6) { micros *= 10 }
            return (micros, count)
        }

        private static func digit(_ byte: UInt8) -> Int64? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
        }
    }
}
