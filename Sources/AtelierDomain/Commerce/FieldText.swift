/// Checks the free text of commerce facts (order ids, SKUs, store ids, reasons).
///
/// Text is kept verbatim — SKUs like `Sac "Kelly" 25/Ø` are real — so the only refusals are
/// what cannot be stored or matched reliably: empty or blank values, NUL characters
/// (PostgreSQL text cannot hold them) and values too long to index.
enum FieldText {
    static func required(_ value: String, field: String, maximumLength: Int = 200) throws(DomainError) -> String {
        guard !value.allSatisfy(\.isWhitespace) else {
            throw .invalid(field: field, reason: "must not be empty", hint: nil)
        }
        guard value.count <= maximumLength else {
            throw .invalid(field: field, reason: "must be at most \(maximumLength) characters", hint: nil)
        }
        guard !value.unicodeScalars.contains("\u{0}") else {
            throw .invalid(field: field, reason: "must not contain NUL characters", hint: nil)
        }
        return value
    }

    static func optional(_ value: String?, field: String, maximumLength: Int = 200) throws(DomainError) -> String? {
        guard let value else { return nil }
        return try required(value, field: field, maximumLength: maximumLength)
    }

    /// An ISO 4217 code: three upper-case letters, as payment systems send them.
    static func currency(_ value: String, field: String) throws(DomainError) -> String {
        guard value.utf8.count == 3, value.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw .invalid(
                field: field, reason: "must be an ISO 4217 currency code of three upper-case letters",
                hint: "for example EUR")
        }
        return value
    }
}
