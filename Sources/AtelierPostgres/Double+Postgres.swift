/// `double precision` (and `real`). Swift prints the shortest text that reads back to the same
/// value, and PostgreSQL (extra_float_digits default 1) does likewise, so values round-trip
/// exactly; the special values use PostgreSQL's spelling.
extension Double: PostgresArrayElement {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return description
    }

    public init(postgresText: String, column: String) throws {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let value = Double(postgresText) else {
                throw PostgresError.decodingFailure(
                    column: column, type: Double.self, value: postgresText, reason: "is not a floating-point number")
            }
            self = value
        }
    }
}
