/// Recency, frequency and monetary scores, each 1 to 5: quintiles within the tenant's customers
/// visible for the segment's purpose (those with at least one counted order in the window).
///
/// A customer's score on a measure is 1 + the number of fifths of those customers strictly
/// below them (`1 + floor(5 × percent_rank)`, capped at 5), so ties share a score and a
/// measure everyone shares scores 1. Recency orders by the last counted order (newer is
/// higher), frequency by counted orders, monetary by net revenue in `currency` (required with
/// it). Orders count as in `purchase` (net of returns, never cancelled). A person without
/// orders has no scores and does not match.
public struct RFMCondition: Sendable, Equatable {
    public var recency: NumberComparison?
    public var frequency: NumberComparison?
    public var monetary: NumberComparison?
    public var currency: String?
    public var window: TimeWindow

    public init(
        recency: NumberComparison? = nil, frequency: NumberComparison? = nil, monetary: NumberComparison? = nil,
        currency: String? = nil, window: TimeWindow = .always
    ) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
        self.currency = currency
        self.window = window
    }
}

extension RFMCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(
            decoder, allowed: ["recency", "frequency", "monetary", "currency"] + TimeWindow.memberNames,
            what: "an RFM condition")
        recency = try object.decode(NumberComparison.self, "recency")
        frequency = try object.decode(NumberComparison.self, "frequency")
        monetary = try object.decode(NumberComparison.self, "monetary")
        for (name, comparison) in [("recency", recency), ("frequency", frequency), ("monetary", monetary)] {
            try comparison?.check(within: 1...5, field: object.field(name))
        }
        currency = try PurchaseCondition.currency(object)
        window = try TimeWindow(reading: object)
        guard recency != nil || frequency != nil || monetary != nil else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must test recency, frequency or monetary",
                hint: "for example {\"recency\": {\"gte\": 4}}")
        }
        if monetary != nil, currency == nil {
            throw object.invalid("currency", "is required with monetary", hint: "amounts are never added across currencies")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encodeIfPresent(recency, forKey: RuleKey("recency"))
        try container.encodeIfPresent(frequency, forKey: RuleKey("frequency"))
        try container.encodeIfPresent(monetary, forKey: RuleKey("monetary"))
        try container.encodeIfPresent(currency, forKey: RuleKey("currency"))
        try window.encode(into: &container)
    }
}
