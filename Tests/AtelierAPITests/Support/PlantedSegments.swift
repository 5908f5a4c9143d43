import Foundation

/// A seeded clientele of three planted groups that differ in recency, frequency, spend,
/// tenure, channel, category and returns, for segmentation tests. Deterministic for a seed
/// (SplitMix64); dates relative to now.
///
/// | group | orders | last order | tenure | channel | category | price | returns |
/// |---|---|---|---|---|---|---|---|
/// | 0 store regulars | 8–12 in the year | 1–20 days ago | 300–360 days | store | bags | 2000–4000 € | none |
/// | 1 online returners | 3–5 | 10–60 days ago | 100–200 days | web | scarves | 200–400 € | the first order |
/// | 2 lapsed one-timers | 1 | 450–700 days ago | the same | app | jewellery | 500–900 € | none |
struct PlantedSegments {
    struct Order {
        var id: String
        var customer: Int
        var daysAgo: Double
        var channel: String
        var sku: String
        var priceMinor: Int
    }

    static let catalogue = [("BAG-9", "bags"), ("SCARF-9", "scarves"), ("RING-9", "jewellery")]
    let perGroup: Int
    /// The planted group of each customer, by index.
    private(set) var groups: [Int] = []
    private(set) var orders: [Order] = []
    /// Order ids returned in full.
    private(set) var returned: [String] = []

    init(seed: UInt64, perGroup: Int = 30) {
        self.perGroup = perGroup
        var random = SplitMix64(seed: seed)
        func between(_ low: Int, _ high: Int) -> Int { low + Int(random.next() % UInt64(high - low + 1)) }
        for group in 0..<3 {
            for _ in 0..<perGroup {
                let customer = groups.count
                groups.append(group)
                func order(daysAgo: Int, channel: String, sku: String, price: Int) {
                    orders.append(
                        Order(
                            id: "PS-\(customer)-\(orders.count)", customer: customer, daysAgo: Double(daysAgo) + 0.25,
                            channel: channel, sku: sku, priceMinor: price))
                }
                /// `count` orders evenly spread from `first` to `last` days ago.
                func spread(_ count: Int, from first: Int, to last: Int, channel: String, sku: String, prices: ClosedRange<Int>) {
                    for index in 0..<count {
                        order(
                            daysAgo: first - (first - last) * index / (count - 1), channel: channel, sku: sku,
                            price: between(prices.lowerBound, prices.upperBound))
                    }
                }
                switch group {
                case 0:
                    let (last, first) = (between(1, 20), between(300, 360))
                    spread(between(8, 12), from: first, to: last, channel: "store", sku: "BAG-9", prices: 200_000...400_000)
                case 1:
                    let (last, first) = (between(10, 60), between(100, 200))
                    let count = between(3, 5)
                    spread(count, from: first, to: last, channel: "web", sku: "SCARF-9", prices: 20_000...40_000)
                    returned.append(orders[orders.count - count].id)
                default:
                    order(daysAgo: between(450, 700), channel: "app", sku: "RING-9", price: between(50_000, 90_000))
                }
            }
        }
    }

    var customers: Int { groups.count }

    func userID(_ customer: Int) -> String { "planted-\(customer)" }

    /// The orders as `/v1/import/orders` lines.
    func orderLines() -> [String] {
        orders.map { order in
            let store = order.channel == "store" ? #""storeId": "PAR-1", "# : ""
            let when = Date().addingTimeInterval(-order.daysAgo * 86_400).formatted(.iso8601)
            return """
                {"orderId": "\(order.id)", "channel": "\(order.channel)", \(store)"occurredAt": "\(when)", "currency": "EUR", \
                "lines": [{"sku": "\(order.sku)", "quantity": 1, "unitPriceMinor": \(order.priceMinor)}], \
                "customer": {"userId": "\(userID(order.customer))"}}
                """
        }
    }
}
