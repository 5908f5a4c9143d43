/// One way of recognising a customer: a typed, normalised value such as
/// `email:ann@example.com`. Identity resolution joins profiles through these, so two
/// spellings of the same address must become the same `Identifier` (see `IdentifierNormaliser`).
public struct Identifier: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A built-in type (`user_id`, `email`, …) or a tenant-defined one matching `[a-z][a-z0-9_]*`.
    public var type: String
    /// Already normalised; build identifiers from raw input with `IdentifierNormaliser`.
    public var value: String

    public init(type: String, value: String) {
        self.type = type
        self.value = value
    }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool {
        (lhs.type, lhs.value) < (rhs.type, rhs.value)
    }

    public var description: String { "\(type):\(value)" }

    /// The types every tenant has, in Segment's vocabulary plus the store's own.
    public static let userID = "user_id"
    public static let anonymousID = "anonymous_id"
    public static let email = "email"
    public static let phone = "phone"
    public static let loyaltyCard = "loyalty_card"
    public static let customerNumber = "customer_number"
    public static let deviceID = "device_id"

    public static let builtInTypes: [String] = [
        userID, anonymousID, email, phone, loyaltyCard, customerNumber, deviceID,
    ]

    /// Whether `type` can name an identifier type: lower-case letters, digits and `_`,
    /// starting with a letter, at most 64 characters, so it reads well in `type:value` lookups.
    public static func isValidType(_ type: String) -> Bool {
        let bytes = Array(type.utf8)
        guard let first = bytes.first, (1...64).contains(bytes.count), first >= 0x61, first <= 0x7A else {
            return false
        }
        return bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
