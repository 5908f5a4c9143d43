/// Days since 1970-01-01 of a proleptic Gregorian date, the day scale the lifetime models take
/// (Howard Hinnant's `days_from_civil`): the tests read CDNOW's YYYYMMDD dates with it.
enum CivilDay {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Reads an 8-digit YYYYMMDD date.
    static func days(yyyymmdd: Int) -> Int {
        days(year: yyyymmdd / 10_000, month: yyyymmdd / 100 % 100, day: yyyymmdd % 100)
    }
}
