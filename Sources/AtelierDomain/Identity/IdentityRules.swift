/// A tenant's identity rules: its own rows where it has them, the defaults elsewhere.
///
/// The defaults follow Segment Unify's spirit, tightened for a luxury house where one
/// client is one person: a login (`user_id`) and a customer number are unique, a client
/// has one e-mail and at most two phones and three loyalty cards, while cookies
/// (`anonymous_id`) and devices are unlimited. Tenant-defined types default to unlimited
/// at the lowest priority.
public struct IdentityRules: Sendable, Equatable {
    public private(set) var byType: [String: IdentityRule]

    public init(overrides: [IdentityRule] = []) {
        byType = Dictionary(uniqueKeysWithValues: Self.defaults.map { ($0.type, $0) })
        for rule in overrides { byType[rule.type] = rule }
    }

    public static let defaults: [IdentityRule] = [
        IdentityRule(type: Identifier.userID, priority: 1, maxPerProfile: 1),
        IdentityRule(type: Identifier.customerNumber, priority: 2, maxPerProfile: 1),
        IdentityRule(type: Identifier.loyaltyCard, priority: 3, maxPerProfile: 3),
        IdentityRule(type: Identifier.email, priority: 4, maxPerProfile: 1),
        IdentityRule(type: Identifier.phone, priority: 5, maxPerProfile: 2),
        IdentityRule(type: Identifier.deviceID, priority: 6, maxPerProfile: nil),
        IdentityRule(type: Identifier.anonymousID, priority: 7, maxPerProfile: nil),
    ]

    /// Priority of tenant-defined types without a rule: after every built-in type.
    public static let customTypePriority = 100

    public func rule(for type: String) -> IdentityRule {
        byType[type] ?? IdentityRule(type: type, priority: Self.customTypePriority, maxPerProfile: nil)
    }

    /// Every rule, strongest first.
    public var ordered: [IdentityRule] {
        byType.values.sorted { ($0.priority, $0.type) < ($1.priority, $1.type) }
    }

    /// `identifiers` strongest first: by priority, then type and value, so the same input
    /// always resolves the same way.
    public func prioritised(_ identifiers: [Identifier]) -> [Identifier] {
        identifiers.sorted { lhs, rhs in
            let left = rule(for: lhs.type).priority
            let right = rule(for: rhs.type).priority
            return left != right ? left < right : lhs < rhs
        }
    }

    /// Types whose values are counted against a limit.
    public var limitedTypes: [String] {
        byType.values.filter { $0.maxPerProfile != nil }.map(\.type).sorted()
    }
}
