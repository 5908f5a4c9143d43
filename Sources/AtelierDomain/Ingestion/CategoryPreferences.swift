/// `context.consent.categoryPreferences` of a tracking call: the consent tool's categories and
/// whether each is granted, plus the object as sent, kept as proof in the consent ledger.
public struct CategoryPreferences: Sendable, Equatable {
    public var granted: [String: Bool]
    public var raw: String

    public init(granted: [String: Bool], raw: String) {
        self.granted = granted
        self.raw = raw
    }
}
