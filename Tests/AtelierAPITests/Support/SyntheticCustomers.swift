import Foundation

/// A seeded synthetic clientele with planted signal, for score tests: 180 days of orders and
/// product views ending yesterday. In each of the last two 30-day windows some customers are
/// "in the market": they view products in the week before the window and mostly buy in it;
/// the others buy rarely, slightly more when they bought recently. So recent product views
/// predict a purchase much better than recency alone. Deterministic for a seed (SplitMix64).
struct SyntheticCustomers {
    struct Order {
        var id: String
        var customer: Int
        var day: Int
        var channel: String
        var sku: String
        var priceMinor: Int
    }

    struct View {
        var customer: Int
        var day: Int
        var sku: String
    }

    static let days = 180
    /// The cutoffs the pipelines will find for a 30-day horizon (at noon: the last order is on
    /// the last day at noon): training features as of the first, holdout features as of the second.
    static let cutoffDays = [days - 61, days - 31]
    static let catalogue: [(sku: String, category: String, priceMinor: Int)] = [
        ("BELT-1", "belts", 25_000), ("SCARF-1", "scarves", 30_000), ("SCARF-2", "scarves", 42_000),
        ("BAG-1", "bags", 120_000), ("BAG-2", "bags", 180_000), ("RING-1", "jewellery", 250_000),
    ]
    /// Each customer buys in one tier of the catalogue (indices).
    static let tiers = [[0, 1, 2], [2, 3], [3, 4, 5]]

    private(set) var orders: [Order] = []
    private(set) var views: [View] = []
    let customers: Int
    /// Day 0; day `days - 1` is yesterday.
    let start: Date

    init(seed: UInt64, customers: Int = 240, now: Date = Date()) {
        self.customers = customers
        let today = (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        start = Date(timeIntervalSince1970: today - Double(Self.days) * 86_400)
        var random = SplitMix64(seed: seed)
        func roll(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        var lastOrderDay = [Int?](repeating: nil, count: customers)
        let tierOf = (0..<customers).map { _ in Self.tiers[pick(Self.tiers.count)] }
        // Each customer has a spend level; an order pays it within ±30 %, so spend varies more
        // between customers than within one, as Gamma-Gamma expects.
        let levelOf = (0..<customers).map { _ in 40_000 + pick(41) * 1_000 }
        func order(_ customer: Int, day: Int) {
            let item = Self.catalogue[tierOf[customer][pick(tierOf[customer].count)]]
            orders.append(
                Order(
                    id: "SC-\(customer)-\(orders.count)", customer: customer, day: day,
                    channel: roll(40) ? "store" : "web", sku: item.sku,
                    priceMinor: levelOf[customer] * (70 + pick(61)) / 100))
            lastOrderDay[customer] = max(lastOrderDay[customer] ?? day, day)
        }
        for customer in 0..<customers {
            for _ in 0..<pick(4) { order(customer, day: pick(Self.cutoffDays[0] - 10)) }
            for _ in 0..<pick(3) { views.append(View(customer: customer, day: pick(Self.days), sku: "BELT-1")) }
        }
        for cutoff in Self.cutoffDays {
            for customer in 0..<customers {
                let inMarket = roll(30)
                if inMarket {
                    let sku = Self.catalogue[pick(Self.catalogue.count)].sku
                    for _ in 0..<(2 + pick(4)) { views.append(View(customer: customer, day: cutoff - 1 - pick(5), sku: sku)) }
                }
                let recent = lastOrderDay[customer].map { cutoff - $0 <= 45 } ?? false
                if roll(inMarket ? 70 : (recent ? 15 : 6)) { order(customer, day: cutoff + 1 + pick(29)) }
            }
        }
        order(0, day: Self.days - 1)
    }

    /// The customers with an order or a view before `hour` o'clock of `day`: the persons a
    /// feature snapshot as of then holds.
    func customersSeen(beforeDay day: Int, hour: Int) -> Set<Int> {
        let buyers = orders.filter { ($0.day, Self.hour(of: $0)) < (day, hour) }.map(\.customer)
        let viewers = views.filter { ($0.day, 15) < (day, hour) }.map(\.customer)
        return Set(buyers + viewers)
    }

    static func hour(of order: Order) -> Int { order.day == days - 1 ? 12 : 10 }

    func date(day: Int, hour: Int) -> String {
        ISO8601DateFormatter().string(from: start.addingTimeInterval(Double(day) * 86_400 + Double(hour) * 3_600))
    }

    func userID(_ customer: Int) -> String { "sc\(customer)" }

    func body(_ order: Order) -> String {
        let store = order.channel == "store" ? #""storeId": "PAR-1", "# : ""
        return """
            {"orderId": "\(order.id)", "channel": "\(order.channel)", \(store)"occurredAt": "\(date(day: order.day, hour: Self.hour(of: order)))", \
            "currency": "EUR", "lines": [{"sku": "\(order.sku)", "quantity": 1, "unitPriceMinor": \(order.priceMinor)}], \
            "customer": {"userId": "\(userID(order.customer))"}}
            """
    }

    /// The views as Segment track calls, in batches of 100.
    func viewBatches() -> [String] {
        stride(from: 0, to: views.count, by: 100).map { first in
            let calls = views[first..<min(first + 100, views.count)].enumerated().map { offset, view in
                """
                {"type": "track", "messageId": "view-\(first + offset)", "userId": "\(userID(view.customer))", \
                "event": "Product Viewed", "properties": {"sku": "\(view.sku)"}, "timestamp": "\(date(day: view.day, hour: 15))"}
                """
            }
            return #"{"batch": [\#(calls.joined(separator: ", "))]}"#
        }
    }
}
