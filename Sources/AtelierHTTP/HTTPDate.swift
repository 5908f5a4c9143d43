import Glibc

/// The `Date` header value (RFC 9110 §5.6.7 IMF-fixdate), formatted at most once per
/// second per event loop because every response carries it.
struct HTTPDate {
    private(set) var bytes: [UInt8] = []
    private var second: Int = -1

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reformats only when the wall-clock second has changed since the last call.
    mutating func update() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        let current = now.tv_sec
        guard current != second else { return }
        second = current
        bytes = Self.format(secondsSinceEpoch: current)
    }

    static func format(secondsSinceEpoch: Int) -> [UInt8] {
        var time = time_t(secondsSinceEpoch)
        var parts = tm()
        gmtime_r(&time, &parts)
        var text = weekdays[Int(parts.tm_wday)] + ", "
        text += twoDigits(Int(parts.tm_mday)) + " " + months[Int(parts.tm_mon)] + " "
        text += String(Int(parts.tm_year) + 1900) + " "
        text += twoDigits(Int(parts.tm_hour)) + ":" + twoDigits(Int(parts.tm_min)) + ":"
        text += twoDigits(Int(parts.tm_sec)) + " GMT"
        return Array(text.utf8)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
