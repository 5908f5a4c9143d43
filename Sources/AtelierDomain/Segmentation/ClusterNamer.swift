import AtelierAlgorithms

/// Gives each cluster a name people can use as a segment name ("bags-focused store regulars").
///
/// The noun comes from whichever of frequency, recency or tenure sets the cluster apart most
/// (at least `minimumDeviation` from the population: "regulars", "lapsed customers",
/// "newcomers"; "customers" when none does, "typical customers" when nothing does). The
/// modifiers are the other distinguishing features' words, spend first and channel last (next
/// to the noun, as one says "store regulars"); of two channel shares standing out, the lower
/// one ("offline" beside "store") is left out, being the other's complement. Repeated names are numbered
/// in cluster order.
enum ClusterNamer {
    static let minimumDeviation = 0.5

    private static let nouns: [String: (high: String, low: String)] = [
        "orders_365d": ("regulars", "occasional customers"),
        "days_since_last_order": ("lapsed customers", "active customers"),
        "tenure_days": ("long-standing customers", "newcomers"),
    ]
    private static let channels: Set<String> = ["store_share", "online_share"]
    /// Modifier order by feature; category shares (not listed) come before the channel.
    private static let modifierRank: [String: Int] = [
        "log_spend_365d": 0, "days_since_last_order": 1, "tenure_days": 2, "orders_365d": 3, "return_rate": 4,
        "categories_bought": 5, "store_share": 7, "online_share": 7,
    ]

    /// One name per description; `features` are the columns the deviations refer to.
    static func names(_ descriptions: [ClusterDescription], features: [ClusterFeature]) -> [String] {
        var seen: [String: Int] = [:]
        return descriptions.map { description in
            let name = name(description, features: features)
            let occurrence = seen[name, default: 0] + 1
            seen[name] = occurrence
            return occurrence > 1 ? "\(name) (\(occurrence))" : name
        }
    }

    private static func name(_ description: ClusterDescription, features: [ClusterFeature]) -> String {
        let distinguishing = description.distinguishingFeatures
        guard !distinguishing.isEmpty else { return "typical customers" }
        let head = description.deviations.indices
            .filter { nouns[features[$0].name] != nil && abs(description.deviations[$0]) >= minimumDeviation }
            .max { abs(description.deviations[$0]) < abs(description.deviations[$1]) }
        let noun = head.flatMap { column in
            nouns[features[column].name].map { description.deviations[column] > 0 ? $0.high : $0.low }
        } ?? "customers"
        var modifiers = distinguishing.filter { $0.column != head }
        let channelShares = modifiers.filter { channels.contains($0.name) }
        // Two channel shares standing out in opposite directions say one thing: the high one says it.
        if channelShares.count == 2,
            let complement = channelShares.min(by: { ($0.deviation, $0.column) < ($1.deviation, $1.column) })
        {
            modifiers.removeAll { $0.column == complement.column }
        }
        let ordered = modifiers.sorted { (modifierRank[$0.name] ?? 6, $0.column) < (modifierRank[$1.name] ?? 6, $1.column) }
        return (ordered.map(\.word) + [noun]).joined(separator: " ")
    }
}
