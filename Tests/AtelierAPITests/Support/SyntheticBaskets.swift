import Foundation

/// A seeded synthetic order history with planted structure, for training tests: customers
/// buy from a catalogue of filler items, and some pairs are planted (a bag mostly comes with
/// a wallet; a scarf often with gloves). Deterministic for a seed (SplitMix64).
struct SyntheticBaskets {
    struct Order {
        var id: String
        var customer: String
        var day: Int
        var skus: [String]
    }

    private(set) var orders: [Order] = []

    init(seed: UInt64, customers: Int = 50, ordersPerCustomer: Int = 4, days: Int = 120) {
        var random = SplitMix64(seed: seed)
        let fillers = (1...20).map { "ITEM-\($0)" }
        for customer in 0..<customers {
            for index in 0..<ordersPerCustomer {
                var skus: Set<String> = [fillers[Int(random.next() % UInt64(fillers.count))]]
                let roll = random.next() % 100
                if roll < 35 {
                    skus.insert("BAG")
                    if random.next() % 100 < 80 { skus.insert("WALLET") }
                } else if roll < 60 {
                    skus.insert("SCARF")
                    if random.next() % 100 < 70 { skus.insert("GLOVES") }
                }
                orders.append(
                    Order(
                        id: "SYN-\(customer)-\(index)", customer: "syn\(customer)@example.com",
                        day: Int(random.next() % UInt64(days)), skus: skus.sorted()))
            }
        }
    }

    /// The order as `POST /v1/orders` takes it, dated `day` days after 2026-01-01.
    static func body(_ order: Order) -> String {
        let date = Date(timeIntervalSince1970: 1_767_225_600 + Double(order.day) * 86_400 + 36_000)
        let lines = order.skus.map { #"{"sku": "\#($0)", "quantity": 1, "unitPriceMinor": 10000}"# }
        return """
            {"orderId": "\(order.id)", "channel": "web", "occurredAt": "\(ISO8601DateFormatter().string(from: date))", \
            "currency": "EUR", "lines": [\(lines.joined(separator: ", "))], "customer": {"email": "\(order.customer)"}}
            """
    }

    /// Baskets holding `antecedent` that also hold `consequent`, over those holding `antecedent`.
    func confidence(of antecedent: String, then consequent: String) -> Double {
        let holding = orders.filter { $0.skus.contains(antecedent) }
        return Double(holding.filter { $0.skus.contains(consequent) }.count) / Double(holding.count)
    }
}

/// Steele, Lea and Flood's SplitMix64: a tiny seeded generator, the same on every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
