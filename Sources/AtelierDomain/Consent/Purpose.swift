/// The name of a purpose of processing (`analytics`, `marketing_email`, a tenant's own
/// `loyalty_programme`): lower-case letters, digits and underscores, as the ledger stores it.
public struct Purpose: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Validates a name from outside; `field` is the JSON pointer named in the error.
    public init(_ name: String, field: String) throws(DomainError) {
        guard Self.isValid(name) else {
            throw .invalid(
                field: field, reason: "'\(name.prefix(60))' is not a purpose name",
                hint: "lower-case letters, digits and underscores, starting with a letter, at most 48 characters")
        }
        rawValue = name
    }

    init(validated name: String) {
        rawValue = name
    }

    public var description: String { rawValue }

    public static func < (lhs: Purpose, rhs: Purpose) -> Bool { lhs.rawValue < rhs.rawValue }

    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), bytes.count <= 48
        else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
