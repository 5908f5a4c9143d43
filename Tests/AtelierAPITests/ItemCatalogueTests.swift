import AtelierDomain
import Foundation
import Testing

@Suite("Item catalogue")
struct ItemCatalogueTests {
    static let kelly = #"""
        {"name": "Kelly 25", "categoryPath": ["Women", "Bags"], "brand": "Maison A", "priceMinor": 950000,
         "currency": "EUR", "attributes": {"colour": "Etoupe", "sizes": [25, 28], "limited": true, "weight": 0.8}}
        """#

    @Test func anItemIsCreatedThenReplacedAndAnUnchangedResendChangesNothing() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let created = try await server.send("PUT", "/v1/items/BAG-25", key: key, json: Self.kelly)
            let resent = try await server.send("PUT", "/v1/items/BAG-25", key: key, json: Self.kelly)
            let replaced = try await server.send(
                "PUT", "/v1/items/BAG-25", key: key, json: #"{"name": "Kelly 25 retired", "active": false}"#)
            let read = try await server.send("GET", "/v1/items/BAG-25", key: key)

            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["categoryPath"] as? [String] == ["Women", "Bags"])
            let attributes = try #require(created.json["attributes"] as? [String: Any])
            #expect(attributes["colour"] as? String == "Etoupe")
            #expect(attributes["sizes"] as? [Int] == [25, 28])
            #expect(resent.status == 200)
            #expect(resent.json["updatedAt"] as? String == created.json["updatedAt"] as? String)
            #expect(replaced.status == 200)
            #expect(read.json["name"] as? String == "Kelly 25 retired")
            #expect(read.json["active"] as? Bool == false)
            #expect(read.json["brand"] is NSNull)
            #expect(read.json["priceMinor"] is NSNull)
            #expect((read.json["categoryPath"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func theCatalogueIsListedInPagesWithFilters() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            for (sku, category, active) in [
                ("A-1", "Bags", true), ("A-2", "Scarves", true), ("A-3", "Bags", false), ("A-4", "Bags", true),
                ("A-5", "Shoes", true),
            ] {
                let body = #"{"name": "\#(sku)", "categoryPath": ["Women", "\#(category)"], "active": \#(active)}"#
                #expect(try await server.send("PUT", "/v1/items/\(sku)", key: key, json: body).status == 201)
            }
            var skus: [String] = []
            var path = "/v1/items?limit=2"
            var pages = 0
            while true {
                let page = try await server.send("GET", path, key: key)
                #expect(page.status == 200, "\(page.text)")
                skus += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
                pages += 1
                guard let cursor = page.json["nextCursor"] as? String, pages < 10 else { break }
                path = "/v1/items?limit=2&cursor=\(cursor)"
            }
            #expect(skus == ["A-1", "A-2", "A-3", "A-4", "A-5"])
            #expect(pages == 3)

            let bags = try await server.send("GET", "/v1/items?category=Bags&active=true", key: key)
            #expect((bags.json["data"] as? [[String: Any]])?.compactMap { $0["sku"] as? String } == ["A-1", "A-4"])
            #expect(bags.json["nextCursor"] is NSNull)
            #expect(try await server.send("GET", "/v1/items?cursor=%%%", key: key).status == 400)
            #expect(try await server.send("GET", "/v1/items?active=maybe", key: key).status == 400)
        }
    }

    @Test func unicodeAndSQLMetacharactersInSKUsAndNamesAreStoredVerbatim() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let sku = #"Sac "Kelly" 25 Ø'; DROP TABLE items;-- %_\ 日本 👜"#
            let name = #"Carré « Brides de Gala » 90 — soie 🐎 ' OR 1=1 --"#
            let body =
                #"{"name": "Carré « Brides de Gala » 90 — soie 🐎 ' OR 1=1 --", "categoryPath": ["Accessoires", "Soie/Carrés"]}"#
            let path = "/v1/items/\(CommerceFixtures.pathSegment(sku))"
            let created = try await server.send("PUT", path, key: key, json: body)
            let read = try await server.send("GET", path, key: key)

            #expect(created.status == 201, "\(created.text)")
            #expect(read.json["sku"] as? String == sku)
            #expect(read.json["name"] as? String == name)
            #expect(read.json["categoryPath"] as? [String] == ["Accessoires", "Soie/Carrés"])
            let listed = try await server.send("GET", "/v1/items?category=Soie%2FCarr%C3%A9s", key: key)
            #expect((listed.json["data"] as? [[String: Any]])?.first?["sku"] as? String == sku)
        }
    }

    @Test func invalidItemsAreRefusedNamingTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let cases: [(String, String)] = [
                (#"{"name": "x", "priceMinor": 12.5, "currency": "EUR"}"#, "/priceMinor"),
                (#"{"name": "x", "priceMinor": 1250}"#, "/currency"),
                (#"{"name": "x", "priceMinor": 1250, "currency": "euro"}"#, "/currency"),
                (#"{"name": " "}"#, "/name"),
                (#"{"name": "x", "categoryPath": ["Women", ""]}"#, "/categoryPath/1"),
                (#"{"name": "x", "attributes": [1, 2]}"#, "/attributes"),
                (#"{"name": "x", "price": 1}"#, "/price"),
            ]
            try await CommerceFixtures.expectRefusals(cases, "PUT", "/v1/items/X-1", server: server, key: key)
            #expect(try await server.send("GET", "/v1/items/X-1", key: key).status == 404)
        }
    }

    @Test func readersMayBrowseButOnlyFeedsMayWrite() async throws {
        try await APITestServer.with { server in
            let (tenant, feed) = try await server.makeTenant(scopes: [.eventsWrite])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let other = try await server.issueKey(tenant: tenant, scopes: [.consentsWrite])
            #expect(try await server.send("PUT", "/v1/items/S-1", key: feed, json: #"{"name": "s"}"#).status == 201)

            #expect(try await server.send("GET", "/v1/items/S-1", key: reader).status == 200)
            #expect(try await server.send("GET", "/v1/items", key: reader).status == 200)
            #expect(try await server.send("PUT", "/v1/items/S-1", key: reader, json: #"{"name": "t"}"#).status == 403)
            #expect(try await server.send("GET", "/v1/items", key: other).status == 403)
            #expect(
                try await server.send("POST", "/v1/orders", key: reader, json: CommerceFixtures.order("P-1")).status
                    == 403)
        }
    }
}
