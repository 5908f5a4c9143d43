import AtelierDomain
import Foundation

/// The local start's demo data: a small deterministic clientele with planted taste (three families of
/// six items, two best sellers; 60 shoppers ordering over the last 90 days, in store and
/// online), loaded through the domain services the API uses, one shopper granting
/// personalization, and a recommender training queued for the worker of the same process, so a
/// newcomer sees personal recommendations within a minute of starting.
///
/// Idempotent on restart: the data is loaded only while the tenant has no order, and a training
/// is queued only while the tenant has no recommender version (the nightly schedule retrains).
struct DemoData {
    let runtime: AtelierRuntime
    static let shoppers = 60
    static let families = ["bags", "scarves", "shoes"]
    static let bestSellers = ["GIFT-CARD", "CANDLE"]
    /// The shopper whose recommendations the start suggests trying.
    static let demoUserID = "demo-0"

    /// Loads what is missing, queues a training if none ever ran, and answers the demo
    /// shopper's profile id.
    func prepare(tenantID: UUID) async throws -> UUID {
        let hasOrders = try await runtime.pool.query(
            "SELECT EXISTS (SELECT 1 FROM orders WHERE tenant_id = $1) AS present", [tenantID]
        ).first?.decode(Bool.self, column: "present") ?? false
        if !hasOrders { try await load(tenantID: tenantID) }
        let profile = try await ProfileReader(pools: runtime.personalData).view(
            tenantID: tenantID, type: "user_id", rawValue: Self.demoUserID, purpose: .analytics)
        _ = try await ConsentLedger(pool: runtime.pool).record(
            tenantID: tenantID, profileID: profile.id,
            statement: ConsentStatement(
                choices: [try Purpose("personalization", field: "/purposes"): true], source: .import, policyVersion: "demo",
                occurredAt: Date(), proof: .none),
            by: .cli)
        if try await ModelRegistry(pool: runtime.pool).versions(tenantID: tenantID, kind: .recommender).isEmpty {
            _ = try await ModelTraining(pool: runtime.pool).request(
                tenantID: tenantID, kind: .recommender,
                parameters: .recommender(RecommenderParameters(holdoutDays: 14, factors: 16, iterations: 10)))
        }
        return profile.id
    }

    private func load(tenantID: UUID) async throws {
        let catalogue = ItemCatalogue(pool: runtime.pool)
        for (family, category) in Self.families.enumerated() {
            for item in 0..<6 {
                _ = try await catalogue.upsert(
                    tenantID: tenantID, sku: Self.sku(family: family, item: item),
                    details: ItemDetails(
                        name: "\(category.capitalized) \(item + 1)", categoryPath: [category], brand: "Atelier",
                        priceMinor: Int64(20_000 + 5_000 * item), currency: "EUR", attributesJSON: "{}", active: true))
            }
        }
        for sku in Self.bestSellers {
            _ = try await catalogue.upsert(
                tenantID: tenantID, sku: sku,
                details: ItemDetails(
                    name: sku.capitalized, categoryPath: ["gifts"], brand: "Atelier", priceMinor: 5_000, currency: "EUR",
                    attributesJSON: "{}", active: true))
        }
        let orders = OrderBook(pool: runtime.pool)
        let today = (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        for shopper in 0..<Self.shoppers {
            let family = shopper % Self.families.count
            // Each shopper of a family starts at another item and steps through the family (by 1 or 5, both
            // coprime with 6), so shoppers share items in varied pairs and each leaves two unbought.
            let step = shopper % 2 == 0 ? 1 : 5
            let items = (0..<6).map { (shopper / Self.families.count + $0 * step) % 6 }
            // Three earlier purchases in the family (one with a best seller), one in the last 10 days.
            let plan = [(items[0], 85), (items[1], 60), (items[2], 35), (items[3], 1 + shopper % 10)]
            for (number, (item, daysAgo)) in plan.enumerated() {
                var skus = [Self.sku(family: family, item: item)]
                if number == 0 { skus.append(Self.bestSellers[shopper % Self.bestSellers.count]) }
                _ = try await orders.record(
                    tenantID: tenantID,
                    OrderSubmission(
                        orderID: "DEMO-\(shopper)-\(number)", channel: number % 2 == 0 ? .store : .web,
                        storeID: number % 2 == 0 ? "PARIS-1" : nil,
                        occurredAt: Date(timeIntervalSince1970: today - Double(daysAgo) * 86_400 + 36_000), currency: "EUR",
                        lines: skus.map {
                            .init(lineID: nil, sku: $0, quantity: 1, unitPriceMinor: 25_000, discountMinor: 0)
                        }, discountMinor: 0,
                        customer: [.init(type: "user_id", rawValue: "demo-\(shopper)", field: "/customer/userId")]))
            }
        }
    }

    private static func sku(family: Int, item: Int) -> String {
        "\(families[family].prefix(3).uppercased())-\(item + 1)"
    }
}

