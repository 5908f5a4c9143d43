import AtelierDomain
import Foundation
import Testing

/// The business rules of personal serving end to end: items out of stock (catalogue attribute
/// `inStock: false`) never come back until restocked, and `sameBrand=true` keeps a list within
/// the brands of the person's latest purchases and of the context, as the catalogue names
/// them now, reading purchases only under `personalization`.
@Suite("Personal recommender business rules")
struct PersonalRecommenderBusinessRulesTests {
    static let data = SyntheticShoppers(seed: 11)

    /// Even tastes are Aurore's, odd tastes Boreal's, the best sellers Cadeau's.
    static func brand(of sku: String) -> String {
        guard sku.hasPrefix("T"), let taste = sku.dropFirst().first?.wholeNumberValue else { return "Cadeau" }
        return taste % 2 == 0 ? "Aurore" : "Boreal"
    }

    /// Loads the clientele, gives every item its brand, trains.
    static func trainedWithBrands(_ server: APITestServer, key: String) async throws {
        try await RecommenderFixtures.load(data, server: server, key: key)
        for sku in SyntheticShoppers.catalogue {
            try await put(sku, brand: brand(of: sku), server: server, key: key)
        }
        try await RecommenderFixtures.train(server: server, key: key)
    }

    static func put(_ sku: String, brand: String, attributes: String = "{}", server: APITestServer, key: String)
        async throws
    {
        try await FixtureRequests.expect(
            [200, 201], server, key: key, "PUT", "/v1/items/\(sku)",
            json: #"{"name": "Item \#(sku)", "categoryPath": ["\#(SyntheticShoppers.category(of: sku))"], "brand": "\#(brand)", "attributes": \#(attributes)}"#,
            what: "item")
    }

    @Test func anItemOutOfStockIsLeftOutUntilItIsBackInStock() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.trainedWithBrands(server, key: key)
            let id = try await RecommenderFixtures.personalize(Self.data, shopper: 5, server: server, key: key)
            let path = "/v1/profiles/\(id)/recommendations?limit=3"
            let top = try #require(RecommenderFixtures.skus(try await server.send("GET", path, key: key).json).first)

            try await Self.put(top, brand: Self.brand(of: top), attributes: #"{"inStock": false}"#, server: server, key: key)
            let soldOut = RecommenderFixtures.skus(try await server.send("GET", path, key: key).json)
            try await Self.put(top, brand: Self.brand(of: top), attributes: #"{"inStock": true}"#, server: server, key: key)
            let restocked = RecommenderFixtures.skus(try await server.send("GET", path, key: key).json)

            #expect(!soldOut.contains(top))
            #expect(soldOut.count == 3)
            #expect(restocked.first == top)
        }
    }

    @Test func anInStockAttributeThatIsNotABooleanIsRefusedAtItsPointer() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            for value in [#""yes""#, "1", "null", #"{"store": true}"#] {
                let response = try await server.send(
                    "PUT", "/v1/items/BAG-1", key: key, json: #"{"name": "Bag", "attributes": {"inStock": \#(value)}}"#)
                #expect(response.status == 422, "\(value): \(response.text)")
                #expect(response.json["field"] as? String == "/attributes/inStock", "\(value)")
            }
            let accepted = try await server.send(
                "PUT", "/v1/items/BAG-1", key: key, json: #"{"name": "Bag", "attributes": {"inStock": false, "colour": "Etoupe"}}"#)
            #expect(accepted.status == 201, "\(accepted.text)")
        }
    }

    @Test func sameBrandKeepsAConsentingShoppersListWithinTheBrandsTheyBought() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.trainedWithBrands(server, key: key)
            let shopper = 5
            let id = try await RecommenderFixtures.personalize(Self.data, shopper: shopper, server: server, key: key)

            let response = try await server.send("GET", "/v1/profiles/\(id)/recommendations?limit=20&sameBrand=true", key: key)
            let brands = try #require(response.json["brands"] as? [String])
            let skus = RecommenderFixtures.skus(response.json)
            #expect(response.status == 200)
            #expect(brands == Set(Self.data.bought(by: shopper).map(Self.brand)).sorted())
            #expect(response.json["reason"] as? String == "personal")
            #expect(!skus.isEmpty)
            #expect(skus.allSatisfy { brands.contains(Self.brand(of: $0)) }, "\(skus)")
            let plain = try await server.send("GET", "/v1/profiles/\(id)/recommendations?limit=20", key: key)
            #expect(plain.json["brands"] == nil)
            #expect(RecommenderFixtures.skus(plain.json).contains { !brands.contains(Self.brand(of: $0)) })
        }
    }

    @Test func withoutPersonalizationSameBrandFollowsTheContextAloneAsForAnUnknownID() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.trainedWithBrands(server, key: key)
            let refusing = try await RecommenderFixtures.profileID(Self.data, shopper: 5, server: server, key: key)

            let query = "recommendations?limit=20&sameBrand=true&context=T0-1"
            let refused = try await server.send("GET", "/v1/profiles/\(refusing)/\(query)", key: key)
            let unknown = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/\(query)", key: key)
            let skus = RecommenderFixtures.skus(refused.json)
            #expect(refused.json["brands"] as? [String] == ["Aurore"], "shopper 5's Boreal purchases are not read")
            #expect(refused.json["strategy"] as? String == "popularity")
            #expect(!skus.isEmpty)
            #expect(skus.allSatisfy { Self.brand(of: $0) == "Aurore" }, "\(skus)")
            #expect(!skus.contains("T0-1"))
            #expect(skus == RecommenderFixtures.skus(unknown.json))
            #expect(unknown.json["brands"] as? [String] == ["Aurore"])
        }
    }

    @Test func sameBrandWithNoBrandKnownAnswersAnEmptyList() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.trainedWithBrands(server, key: key)

            let response = try await server.send(
                "GET", "/v1/profiles/\(UUID().uuidString)/recommendations?sameBrand=true&context=NOT-IN-CATALOGUE", key: key)
            #expect(response.status == 200)
            #expect(response.json["brands"] as? [String] == [])
            #expect(RecommenderFixtures.skus(response.json).isEmpty)
        }
    }

    @Test func anItemWhoseBrandChangedAfterTheVersionLoadedIsCheckedAgainstTheCatalogueNow() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.trainedWithBrands(server, key: key)
            let id = try await RecommenderFixtures.personalize(Self.data, shopper: 5, server: server, key: key)
            let path = "/v1/profiles/\(id)/recommendations?limit=20&sameBrand=true"
            let before = RecommenderFixtures.skus(try await server.send("GET", path, key: key).json)
            let moved = try #require(before.first)

            try await Self.put(moved, brand: "Elsewhere", server: server, key: key)
            let after = RecommenderFixtures.skus(try await server.send("GET", path, key: key).json)

            #expect(!after.contains(moved))
            #expect(!after.isEmpty)
        }
    }

    @Test func sameBrandMustBeTrueOrFalseAndGivenOnce() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = UUID().uuidString
            for query in ["sameBrand=yes", "sameBrand=", "sameBrand=TRUE", "sameBrand=true&sameBrand=false", "samebrand=true"] {
                let response = try await server.send("GET", "/v1/profiles/\(id)/recommendations?\(query)", key: key)
                #expect(response.status == 400, "\(query): \(response.text)")
            }
            let off = try await server.send("GET", "/v1/profiles/\(id)/recommendations?sameBrand=false", key: key)
            #expect(off.status == 200)
            #expect(off.json["brands"] == nil)
        }
    }
}
