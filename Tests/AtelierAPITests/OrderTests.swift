import AtelierDomain
import Foundation
import Testing

@Suite("Orders")
struct OrderTests {
    @Test func anOrderIsStoredAndVisibleInThePurchaseSummary() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let response = try await server.send(
                "POST", "/v1/orders", key: key, json: CommerceFixtures.order("PAR-1-0001", discountMinor: 10000))

            #expect(response.status == 201)
            #expect(response.json["totalMinor"] as? Int == 950000 + 85000 - 10000)
            let lines = try #require(response.json["lines"] as? [[String: Any]])
            #expect(lines.map { $0["lineId"] as? String } == ["1", "2"])
            #expect(lines.compactMap { $0["netMinor"] as? Int }.reduce(0, +) == 1_025_000)
            let profileID = try #require((response.json["profileId"] as? String).flatMap(UUID.init(uuidString:)))

            let summary = try await CommerceFixtures.summary(server, tenant: tenant, profiles: [profileID])
            #expect(summary.orders == 1)
            #expect(summary.frequency == 1)
            #expect(summary.netRevenueMinor == 1_025_000)
            #expect(summary.monetaryMinor == 1_025_000)
            #expect(summary.averageBasketMinor == 1_025_000)
            #expect(summary.currency == "EUR")
            #expect(summary.items == 3)
            #expect(summary.channels == ["store"])
            #expect(summary.stores == ["PAR-1"])
            #expect(summary.returnsRate == 0)
            #expect(summary.lastPurchaseAt == ISO8601DateFormatter().date(from: "2024-05-01T10:00:00Z"))
            #expect(summary.firstPurchaseAt == summary.lastPurchaseAt)
            #expect((summary.recencyDays ?? 0) > 0)
        }
    }

    @Test func commerceResponsesCarryExactlyTheirDocumentedProperties() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let order = try await server.send(
                "POST", "/v1/orders", key: key, json: CommerceFixtures.order("W-1", channel: "web", storeID: nil))
            let returned = try await server.send(
                "POST", "/v1/returns", key: key, json: CommerceFixtures.return("W-R1", orderID: "W-1"))
            let item = try await server.send("PUT", "/v1/items/W-SKU", key: key, json: #"{"name": "w"}"#)
            let page = try await server.send("GET", "/v1/items", key: key)

            #expect(Set(order.json.keys) == schemas["Order"])
            #expect(Set(try #require((order.json["lines"] as? [[String: Any]])?.first).keys) == schemas["OrderLine"])
            #expect(Set(returned.json.keys) == schemas["Return"])
            #expect(
                Set(try #require((returned.json["lines"] as? [[String: Any]])?.first).keys) == schemas["ReturnLine"])
            #expect(Set(item.json.keys) == schemas["Item"])
            #expect(Set(page.json.keys) == schemas["ItemPage"])
        }
    }

    @Test func resendingTheSameOrderIsIdempotentEvenConcurrently() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let body = CommerceFixtures.order("WEB-7", channel: "web", storeID: nil)
            let responses = try await withThrowingTaskGroup(of: RawHTTPClient.Response.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await server.send("POST", "/v1/orders", key: key, json: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.map(\.status).sorted() == [200, 200, 200, 200, 200, 201])
            #expect(Set(responses.map { $0.json["profileId"] as? String }).count == 1)
            let stored = try await server.pool.query("SELECT count(*) AS n FROM orders WHERE order_id = 'WEB-7'")
            #expect(try stored.first?.decode(Int.self, column: "n") == 1)
            let identifiers = try await server.pool.query(
                "SELECT count(DISTINCT profile_id) AS n FROM profile_identifiers WHERE value = 'ann@example.com'")
            #expect(try identifiers.first?.decode(Int.self, column: "n") == 1)
        }
    }

    @Test func theSameOrderIdWithOtherContentIsAConflict() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let first = try await server.send(
                "POST", "/v1/orders", key: key, json: CommerceFixtures.order("PAR-1-0002"))
            let changed = try await server.send(
                "POST", "/v1/orders", key: key,
                json: CommerceFixtures.order("PAR-1-0002", lines: [CommerceFixtures.bag]))
            let sameAgain = try await server.send(
                "POST", "/v1/orders", key: key,
                json: CommerceFixtures.order("PAR-1-0002", customer: #"{"email": " Ann@Example.COM "}"#))

            #expect(first.status == 201)
            #expect(changed.status == 409)
            #expect(changed.json["type"] as? String == "https://atelier.dev/problems/conflict")
            #expect(sameAgain.status == 200, "normalised identifiers make the same order")
        }
    }

    @Test func aStoreOrderWithoutStoreIdIsRefused() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let response = try await server.send(
                "POST", "/v1/orders", key: key, json: CommerceFixtures.order("PAR-1-0003", storeID: nil))
            #expect(response.status == 422)
            #expect(response.json["field"] as? String == "/storeId")
        }
    }

    @Test func fractionalMoneyIsRefusedNamingTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let cases: [(String, String)] = [
                (#"{"sku": "A", "quantity": 1, "unitPriceMinor": 12.5}"#, "/lines/1/unitPriceMinor"),
                (#"{"sku": "A", "quantity": 1.5, "unitPriceMinor": 100}"#, "/lines/1/quantity"),
                (
                    #"{"sku": "A", "quantity": 1, "unitPriceMinor": 100, "discountMinor": 0.01}"#,
                    "/lines/1/discountMinor"
                ),
                (#"{"sku": "A", "quantity": 1, "unitPriceMinor": 1e30}"#, "/lines/1/unitPriceMinor"),
            ]
            let orderDiscount = CommerceFixtures.order("F-2").replacing(
                #""discountMinor": 0,"#, with: #""discountMinor": 99.99,"#)
            try await CommerceFixtures.expectRefusals(
                cases.map { (CommerceFixtures.order("F-1", lines: [CommerceFixtures.bag, $0.0]), $0.1) }
                    + [(orderDiscount, "/discountMinor")],
                "POST", "/v1/orders", server: server, key: key)
        }
    }

    @Test func invalidOrdersAreRefusedNamingTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let cases: [(String, String)] = [
                (CommerceFixtures.order("I-1", currency: "eur"), "/currency"),
                (CommerceFixtures.order("I-2", channel: "kiosk"), "/channel"),
                (
                    CommerceFixtures.order("I-3", lines: [#"{"sku": "A", "quantity": 0, "unitPriceMinor": 1}"#]),
                    "/lines/0/quantity"
                ),
                (
                    CommerceFixtures.order("I-4", lines: [#"{"sku": "A", "quantity": 1, "unitPriceMinor": -1}"#]),
                    "/lines/0/unitPriceMinor"
                ),
                (
                    CommerceFixtures.order(
                        "I-5", lines: [#"{"sku": "A", "quantity": 2, "unitPriceMinor": 10, "discountMinor": 21}"#]),
                    "/lines/0/discountMinor"
                ),
                (CommerceFixtures.order("I-6", lines: [CommerceFixtures.bag], discountMinor: 950001), "/discountMinor"),
                (CommerceFixtures.order("I-7", lines: []), "/lines"),
                (CommerceFixtures.order("I-8", customer: "{}"), "/customer"),
                (CommerceFixtures.order("I-9", customer: #"{"email": "not-an-address"}"#), "/customer/email"),
                (
                    CommerceFixtures.order(
                        "I-10",
                        lines: [
                            #"{"lineId": "x", "sku": "A", "quantity": 1, "unitPriceMinor": 1}"#,
                            #"{"lineId": "x", "sku": "B", "quantity": 1, "unitPriceMinor": 1}"#,
                        ]), "/lines/1/lineId"
                ),
                (CommerceFixtures.order("I-11").replacing(#""orderId""#, with: #""total": 1, "orderId""#), "/total"),
                (
                    CommerceFixtures.order("I-12", lines: [#"{"sku": "A\u0000", "quantity": 1, "unitPriceMinor": 1}"#]),
                    "/lines/0/sku"
                ),
            ]
            try await CommerceFixtures.expectRefusals(cases, "POST", "/v1/orders", server: server, key: key)
            let stored = try await server.pool.query("SELECT count(*) AS n FROM orders")
            #expect(try stored.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test func unicodeAndSQLMetacharactersInIdsAndSKUsAreStoredVerbatim() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let body = #"""
                {"orderId": "O'Brien\"; DROP TABLE orders;--", "channel": "store", "storeId": "Boutique Saint-Honoré 🗼",
                 "occurredAt": "2024-05-01T10:00:00Z", "currency": "JPY",
                 "lines": [{"sku": "Sac \"Kelly\" 25/Ø %_\\ 日本 👜", "quantity": 1, "unitPriceMinor": 1500000}],
                 "customer": {"customerNumber": "C-{1,2}'"}}
                """#
            let response = try await server.send("POST", "/v1/orders", key: key, json: body)
            #expect(response.status == 201, "\(response.text)")
            #expect(response.json["orderId"] as? String == #"O'Brien"; DROP TABLE orders;--"#)
            #expect(response.json["storeId"] as? String == "Boutique Saint-Honoré 🗼")
            let line = try #require((response.json["lines"] as? [[String: Any]])?.first)
            #expect(line["sku"] as? String == #"Sac "Kelly" 25/Ø %_\ 日本 👜"#)
            #expect(try await server.send("POST", "/v1/orders", key: key, json: body).status == 200)
        }
    }
}
