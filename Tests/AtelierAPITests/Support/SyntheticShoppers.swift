import Foundation

/// A seeded synthetic omnichannel clientele with planted taste, for recommender tests: 120 days
/// of product views, add-to-carts and orders (web and store) ending yesterday.
///
/// Planted structure: the catalogue has `tastes` families of 8 items (spread over bags, scarves
/// and shoes) and 3 best sellers (gifts). Each shopper has one taste and a shuffled order of
/// its items: before the last 30 days they view its first five, put the third in the cart and
/// buy the first two plus a best seller; in the last 30 days they buy one or two of the next
/// three. So what a shopper buys next is predictable from the family of what they did before
/// (a personal recommender should see it), while the most popular items are the best sellers
/// and an even mix of families (what the popularity baseline offers). Deterministic for a seed.
struct SyntheticShoppers {
    struct Order {
        var id: String
        var shopper: Int
        var day: Int
        var channel: String
        var skus: [String]
    }

    struct Signal {
        var shopper: Int
        var day: Int
        var event: String
        var sku: String
    }

    static let days = 120
    static let bestSellers = ["BEST-1", "BEST-2", "BEST-3"]
    static let categories = ["bags", "scarves", "shoes"]
    let tastes: Int
    let shoppers: Int
    /// Day 0; day `days - 1` is yesterday.
    let start: Date
    private(set) var orders: [Order] = []
    private(set) var signals: [Signal] = []
    /// Each shopper's taste.
    private(set) var tasteOf: [Int] = []

    init(seed: UInt64, tastes: Int = 4, shoppersPerTaste: Int = 30, now: Date = Date()) {
        self.tastes = tastes
        shoppers = tastes * shoppersPerTaste
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        start = Date(timeIntervalSince1970: today - Double(Self.days) * 86_400)
        var random = SplitMix64(seed: seed)
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        for shopper in 0..<shoppers {
            let taste = shopper % tastes
            tasteOf.append(taste)
            var family = (0..<8).map { Self.sku(taste: taste, item: $0) }
            for index in stride(from: family.count - 1, to: 0, by: -1) { family.swapAt(index, pick(index + 1)) }
            for sku in family.prefix(5) {
                signals.append(Signal(shopper: shopper, day: pick(80), event: "Product Viewed", sku: sku))
            }
            signals.append(Signal(shopper: shopper, day: pick(80), event: "Product Added", sku: family[2]))
            signals.append(Signal(shopper: shopper, day: pick(80), event: "Product Viewed", sku: Self.bestSellers[pick(3)]))
            let channel = pick(3) == 0 ? "store" : "web"
            order(shopper, day: pick(80), channel: channel, skus: [family[0], Self.bestSellers[pick(3)]])
            order(shopper, day: pick(80), channel: channel, skus: [family[1]])
            let later = family[3...5].shuffled(using: &random).prefix(1 + pick(2))
            for sku in later { order(shopper, day: 95 + pick(24), channel: "web", skus: [sku]) }
        }
        order(0, day: Self.days - 1, channel: "web", skus: [Self.bestSellers[0]])
    }

    private mutating func order(_ shopper: Int, day: Int, channel: String, skus: [String]) {
        orders.append(Order(id: "SS-\(shopper)-\(orders.count)", shopper: shopper, day: day, channel: channel, skus: skus))
    }

    static func sku(taste: Int, item: Int) -> String { "T\(taste)-\(item)" }

    static func category(of sku: String) -> String {
        guard sku.hasPrefix("T"), let item = sku.last?.wholeNumberValue else { return "gifts" }
        return categories[item % categories.count]
    }

    static var catalogue: [String] {
        (0..<4).flatMap { taste in (0..<8).map { sku(taste: taste, item: $0) } } + bestSellers
    }

    func userID(_ shopper: Int) -> String { "ss\(shopper)" }

    /// The SKUs `shopper` ordered.
    func bought(by shopper: Int) -> Set<String> {
        Set(orders.filter { $0.shopper == shopper }.flatMap(\.skus))
    }

    func date(day: Int, hour: Int) -> String {
        ISO8601DateFormatter().string(from: start.addingTimeInterval(Double(day) * 86_400 + Double(hour) * 3_600))
    }

    func body(_ order: Order) -> String {
        let store = order.channel == "store" ? #""storeId": "PAR-1", "# : ""
        let lines = order.skus.enumerated().map { #"{"lineId": "\#($0.offset)", "sku": "\#($0.element)", "quantity": 1, "unitPriceMinor": 50000}"# }
        return """
            {"orderId": "\(order.id)", "channel": "\(order.channel)", \(store)"occurredAt": "\(date(day: order.day, hour: 10))", \
            "currency": "EUR", "lines": [\(lines.joined(separator: ", "))], "customer": {"userId": "\(userID(order.shopper))"}}
            """
    }

    /// The views and add-to-carts as Segment track calls, in batches of 100.
    func signalBatches() -> [String] {
        stride(from: 0, to: signals.count, by: 100).map { first in
            let calls = signals[first..<min(first + 100, signals.count)].enumerated().map { offset, signal in
                """
                {"type": "track", "messageId": "ss-signal-\(first + offset)", "userId": "\(userID(signal.shopper))", \
                "event": "\(signal.event)", "properties": {"sku": "\(signal.sku)"}, "timestamp": "\(date(day: signal.day, hour: 15))"}
                """
            }
            return #"{"batch": [\#(calls.joined(separator: ", "))]}"#
        }
    }
}

extension SplitMix64: RandomNumberGenerator {}
