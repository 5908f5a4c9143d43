/// Purchase facts of the person, net of returns, over the orders (or, with `sku` or `category`,
/// the order lines) that pass the filters:
///
/// - `count`: orders with at least one unit (of a matching line) kept, never a cancelled one;
/// - `units`: units bought less units returned;
/// - `netRevenue`: amounts paid less refunds, in minor units of `currency` (required with it:
///   amounts are never added across currencies);
/// - `lastPurchase` / `firstPurchase`: when the newest / oldest counted order was placed.
///
/// Filters: `sku`, `category` (any level of the item catalogue's `category_path`), `channel`
/// (`store`, `web`, `app`, `phone`, or `online` = web and app), `store`, `currency`, and the
/// order's time (`within`, `after`, `before`). Every measure given must hold; with none,
/// `count >= 1` ("bought"). A person without matching orders has count, units and net revenue
/// 0 (so `{"count": {"eq": 0}}` matches them) and no purchase dates.
public struct PurchaseCondition: Sendable, Equatable {
    public enum Channel: String, Sendable, CaseIterable {
        case store, web, app, phone, online

        /// The stored channels this filter admits.
        var salesChannels: [SalesChannel] {
            switch self {
            case .store: [.store]
            case .web: [.web]
            case .app: [.app]
            case .phone: [.phone]
            case .online: [.web, .app]
            }
        }
    }

    public var skus: [String]?
    public var categories: [String]?
    public var channels: [Channel]?
    public var stores: [String]?
    public var currency: String?
    public var window: TimeWindow
    public var count: NumberComparison?
    public var units: NumberComparison?
    public var netRevenue: NumberComparison?
    public var lastPurchase: TimeWindow?
    public var firstPurchase: TimeWindow?

    public init(
        skus: [String]? = nil, categories: [String]? = nil, channels: [Channel]? = nil, stores: [String]? = nil,
        currency: String? = nil, window: TimeWindow = .always, count: NumberComparison? = nil,
        units: NumberComparison? = nil, netRevenue: NumberComparison? = nil, lastPurchase: TimeWindow? = nil,
        firstPurchase: TimeWindow? = nil
    ) {
        self.skus = skus
        self.categories = categories
        self.channels = channels
        self.stores = stores
        self.currency = currency
        self.window = window
        self.count = count
        self.units = units
        self.netRevenue = netRevenue
        self.lastPurchase = lastPurchase
        self.firstPurchase = firstPurchase
    }

    /// Whether the facts are read per order line (an item filter) rather than per order.
    var readsLines: Bool { skus != nil || categories != nil }

    /// The measures to test; `count >= 1` when the rule names none.
    var effectiveCount: NumberComparison? {
        count ?? (units == nil && netRevenue == nil && lastPurchase == nil && firstPurchase == nil ? .atLeastOnce : nil)
    }

    static let memberNames =
        ["sku", "category", "channel", "store", "currency", "count", "units", "netRevenue", "lastPurchase", "firstPurchase"]
        + TimeWindow.memberNames

    static func currency(_ object: RuleObject) throws -> String? {
        guard let currency = try object.decode(String.self, "currency") else { return nil }
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw object.invalid("currency", "must be an ISO 4217 code in capitals", hint: "for example EUR")
        }
        return currency
    }
}

extension PurchaseCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: Self.memberNames, what: "a purchase condition")
        skus = try object.texts("sku")
        categories = try object.texts("category")
        stores = try object.texts("store")
        channels = try object.pointedTexts("channel")?.map { name, field in
            guard let channel = Channel(rawValue: name) else {
                throw DomainError.invalid(field: field, reason: "is not a channel", hint: "store, web, app, phone or online")
            }
            return channel
        }
        currency = try Self.currency(object)
        window = try TimeWindow(reading: object)
        count = try object.decode(NumberComparison.self, "count")
        units = try object.decode(NumberComparison.self, "units")
        netRevenue = try object.decode(NumberComparison.self, "netRevenue")
        lastPurchase = try object.decode(PurchaseTime.self, "lastPurchase")?.window
        firstPurchase = try object.decode(PurchaseTime.self, "firstPurchase")?.window
        if netRevenue != nil, currency == nil {
            throw object.invalid(
                "currency", "is required with netRevenue", hint: "amounts are never added across currencies; e.g. \"EUR\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encodeIfPresent(skus, forKey: RuleKey("sku"))
        try container.encodeIfPresent(categories, forKey: RuleKey("category"))
        try container.encodeIfPresent(channels?.map(\.rawValue), forKey: RuleKey("channel"))
        try container.encodeIfPresent(stores, forKey: RuleKey("store"))
        try container.encodeIfPresent(currency, forKey: RuleKey("currency"))
        try window.encode(into: &container)
        try container.encodeIfPresent(count, forKey: RuleKey("count"))
        try container.encodeIfPresent(units, forKey: RuleKey("units"))
        try container.encodeIfPresent(netRevenue, forKey: RuleKey("netRevenue"))
        try container.encodeIfPresent(lastPurchase.map(PurchaseTime.init), forKey: RuleKey("lastPurchase"))
        try container.encodeIfPresent(firstPurchase.map(PurchaseTime.init), forKey: RuleKey("firstPurchase"))
    }
}

/// `lastPurchase` / `firstPurchase`: a time window the purchase date must fall in.
struct PurchaseTime: Codable {
    var window: TimeWindow

    init(_ window: TimeWindow) {
        self.window = window
    }

    init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: TimeWindow.memberNames, what: "a purchase time")
        window = try TimeWindow(reading: object)
        guard !window.isEmpty else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must hold within, after or before", hint: "for example {\"before\": \"180 days ago\"}")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try window.encode(into: &container)
    }
}
