/// One `name=value` pair of the query string, percent-decoded with `+` read as a space.
public struct QueryItem: Hashable, Sendable {
    public var name: String
    /// Empty for `?flag` and `?flag=`.
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Splits and decodes a raw query (without `?`). Pairs whose escapes are broken are
    /// kept undecoded rather than dropped, so a handler validating them can say which
    /// one is wrong instead of the value silently disappearing.
    static func parse(_ query: String?) -> [QueryItem] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0], value = parts.count > 1 ? parts[1] : ""
            return QueryItem(
                name: PercentDecoding.decode(name, plusAsSpace: true) ?? String(name),
                value: PercentDecoding.decode(value, plusAsSpace: true) ?? String(value))
        }
    }
}
