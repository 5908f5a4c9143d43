import AtelierDomain
import Foundation
import Testing

@Suite("Purchase summary")
struct PurchaseSummaryTests {
    @Test func theSummaryCoversEveryProfileMergedIntoOne() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let online = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "WEB-1", channel: "web", storeID: nil, occurredAt: "2024-03-01T10:00:00Z",
                    lines: [CommerceFixtures.bag], customer: #"{"email": "ann@example.com"}"#),
                server: server, key: key)
            let boutique = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "PAR-9", storeID: "PAR-9", occurredAt: "2024-04-01T10:00:00Z", lines: [CommerceFixtures.scarves],
                    customer: #"{"loyaltyCard": "LC-1"}"#),
                server: server, key: key)
            #expect(online != boutique)

            let linking = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "LDN-3", channel: "phone", storeID: nil, occurredAt: "2024-05-01T10:00:00Z",
                    lines: [#"{"sku": "BELT", "quantity": 1, "unitPriceMinor": 60000}"#],
                    customer: #"{"email": "Ann@Example.com", "loyaltyCard": "LC-1"}"#),
                server: server, key: key)
            let reader = ProfileReader(pools: server.personalData, purchases: PurchaseSummaryService(pools: server.personalData))
            let view = try await reader.view(tenantID: tenant.id, profileID: boutique, purpose: .analytics)
            #expect(Set(view.profileIDs).isSuperset(of: [online, boutique, linking]))

            let summary = try #require(view.purchases)
            #expect(summary.orders == 3)
            #expect(summary.netRevenueMinor == 950000 + 85000 + 60000)
            #expect(summary.items == 4)
            #expect(summary.channels == ["phone", "store", "web"])
            #expect(summary.stores == ["PAR-9"])
            #expect(summary.firstPurchaseAt == ISO8601DateFormatter().date(from: "2024-03-01T10:00:00Z"))
            #expect(summary.lastPurchaseAt == ISO8601DateFormatter().date(from: "2024-05-01T10:00:00Z"))
            #expect(summary.averageBasketMinor == 365_000)
        }
    }

    @Test func theProfileViewCarriesThePurchaseSummaryAsDocumented() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let profile = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("V-1"), server: server, key: key)
            _ = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("V-R1", orderID: "V-1", lines: #"[{"sku": "BAG-25", "quantity": 1}]"#))

            let byID = try await server.send("GET", "/v1/profiles/\(profile.uuidString.lowercased())?purpose=analytics", key: reader)
            let byEmail = try await server.send("GET", "/v1/profiles?identifier=email:ann@example.com&purpose=analytics", key: reader)
            let purchases = try #require(byID.json["purchases"] as? [String: Any], "\(byID.text)")
            #expect(Set(purchases.keys) == schemas["PurchaseSummary"])
            #expect(purchases["orders"] as? Int == 1)
            #expect(purchases["netRevenueMinor"] as? Int == 85000, "read-your-writes: the return is netted at once")
            #expect(purchases["items"] as? Int == 2)
            #expect(purchases["currency"] as? String == "EUR")
            #expect((byEmail.json["purchases"] as? [String: Any])?["orders"] as? Int == 1)
        }
    }

    @Test func anUnmergeGivesEachProfileItsOwnOrdersBack() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let online = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "U-1", channel: "web", storeID: nil, lines: [CommerceFixtures.bag],
                    customer: #"{"email": "ann@example.com"}"#),
                server: server, key: admin)
            let boutique = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "U-2", lines: [CommerceFixtures.scarves], customer: #"{"loyaltyCard": "LC-9"}"#),
                server: server, key: admin)
            _ = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "U-3", channel: "phone", storeID: nil, lines: [CommerceFixtures.bag],
                    customer: #"{"email": "ann@example.com", "loyaltyCard": "LC-9"}"#),
                server: server, key: admin)
            let merged = try await server.send("GET", "/v1/profiles/\(online.uuidString.lowercased())?purpose=analytics", key: admin)
            #expect((merged.json["purchases"] as? [String: Any])?["orders"] as? Int == 3)

            let history = try await server.send(
                "GET", "/v1/profiles/\(online.uuidString.lowercased())/merges?purpose=analytics", key: admin)
            let mergeID = try #require((history.json["data"] as? [[String: Any]])?.first?["id"] as? String)
            let undone = try await server.send(
                "POST", "/v1/profiles/\(online.uuidString.lowercased())/unmerge", key: admin,
                json: #"{"mergeId": "\#(mergeID)"}"#)
            #expect(undone.status == 200, "\(undone.text)")

            var orders: [Int] = []
            for profile in [online, boutique] {
                let view = try await server.send("GET", "/v1/profiles/\(profile.uuidString.lowercased())?purpose=analytics", key: admin)
                orders.append(try #require((view.json["purchases"] as? [String: Any])?["orders"] as? Int))
            }
            #expect(orders.allSatisfy { $0 >= 1 }, "each keeps the order it made alone")
            #expect(orders.reduce(0, +) == 3, "no order is lost or counted twice")
        }
    }

    @Test func moneyIsSummedInTheMainCurrencyOnly() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let customer = #"{"customerNumber": "C-77"}"#
            let profile = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("E-1", lines: [CommerceFixtures.bag], customer: customer),
                server: server, key: key)
            for (id, date) in [("Y-1", "2024-05-02T10:00:00Z"), ("Y-2", "2024-05-03T10:00:00Z")] {
                _ = try await CommerceFixtures.profile(
                    ofOrder: CommerceFixtures.order(
                        id, storeID: "TYO-1", currency: "JPY", occurredAt: date,
                        lines: [#"{"sku": "CUP", "quantity": 1, "unitPriceMinor": 3000}"#], customer: customer),
                    server: server, key: key)
            }
            let now = try #require(ISO8601DateFormatter().date(from: "2024-05-13T12:00:00Z"))
            let summary = try await PurchaseSummaryService(pools: server.personalData, now: { now })
                .summary(tenantID: tenant.id, profileIDs: [profile], purpose: .analytics)

            #expect(summary.currency == "JPY")
            #expect(summary.netRevenueMinor == 6000)
            #expect(summary.averageBasketMinor == 3000)
            #expect(summary.orders == 3)
            #expect(summary.items == 3)
            #expect(summary.stores == ["PAR-1", "TYO-1"])
            #expect(summary.recencyDays == 10)
            #expect(try await CommerceFixtures.summary(server, tenant: tenant, profiles: []) == .empty)
        }
    }
}
