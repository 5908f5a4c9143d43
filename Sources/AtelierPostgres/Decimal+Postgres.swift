import Foundation

/// `numeric`, exactly, for money and quantities. Foundation's `Decimal` holds 38 significant
/// digits; a value with more is refused rather than silently rounded.
extension Decimal: PostgresArrayElement {
    private static let posix = Locale(identifier: "en_US_POSIX")
    private static let maximumSignificantDigits = 38

    public var postgresText: String? { isNaN ? "NaN" : description }

    public init(postgresText: String, column: String) throws {
        guard Self.significantDigits(in: postgresText) <= Self.maximumSignificantDigits,
            let value = Decimal(string: postgresText, locale: Self.posix),
            !value.isNaN || postgresText == "NaN"
        else {
            throw PostgresError.decodingFailure(
                column: column, type: Decimal.self, value: postgresText,
                reason: "is not a number Decimal holds exactly (at most 38 significant digits)")
        }
        self = value
    }

    /// Digits between the first and last non-zero digit (trailing zeros before the point count).
    private static func significantDigits(in text: String) -> Int {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerDigits = parts[0].filter(\.isNumber).drop { $0 == "0" }
        var fractionDigits = parts.count > 1 ? Substring(parts[1].filter(\.isNumber)) : ""
        while fractionDigits.last == "0" { fractionDigits.removeLast() }
        if integerDigits.isEmpty {
            return fractionDigits.drop { $0 == "0" }.count
        }
        return integerDigits.count + fractionDigits.count
    }
}
