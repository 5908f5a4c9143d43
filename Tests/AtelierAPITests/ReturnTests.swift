import AtelierDomain
import Foundation
import Testing

@Suite("Returns and cancellations")
struct ReturnTests {
    @Test func aReturnNetsOutRevenueAndQuantity() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let profile = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("O-1"), server: server, key: key)
            let response = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-1", orderID: "O-1", lines: #"[{"sku": "SCARF-90", "quantity": 1}]"#))

            #expect(response.status == 201, "\(response.text)")
            #expect(response.json["refundMinor"] as? Int == 42500, "half of the scarves' 85000")
            #expect(response.json["currency"] as? String == "EUR")
            let line = try #require((response.json["lines"] as? [[String: Any]])?.first)
            #expect(line["lineId"] as? String == "2")

            let summary = try await CommerceFixtures.summary(server, tenant: tenant, profiles: [profile])
            #expect(summary.orders == 1)
            #expect(summary.netRevenueMinor == 950000 + 85000 - 42500)
            #expect(summary.items == 2)
            #expect(summary.returnsRate == 1.0 / 3.0)
        }
    }

    @Test func discountsAndRefundsAddUpToTheLastMinorUnit() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let lines = ["A", "B", "C"].map { #"{"sku": "\#($0)", "quantity": 3, "unitPriceMinor": 100}"# }
            let order = try await server.send(
                "POST", "/v1/orders", key: key, json: CommerceFixtures.order("D-1", lines: lines, discountMinor: 100))
            let nets = (order.json["lines"] as? [[String: Any]])?.compactMap { $0["netMinor"] as? Int }
            #expect(nets == [266, 267, 267], "the order discount of 100 shared 34/33/33")
            #expect(order.json["totalMinor"] as? Int == 800)

            var refunds: [Int] = []
            for index in 1...3 {
                let response = try await server.send(
                    "POST", "/v1/returns", key: key,
                    json: CommerceFixtures.return("D-R\(index)", orderID: "D-1", lines: #"[{"sku": "A", "quantity": 1}]"#))
                refunds.append(try #require(response.json["refundMinor"] as? Int, "\(response.text)"))
            }
            #expect(refunds == [88, 88, 90], "the last unit refunds the rest of what was paid")
            let profile = try #require((order.json["profileId"] as? String).flatMap(UUID.init(uuidString:)))
            let summary = try await CommerceFixtures.summary(server, tenant: tenant, profiles: [profile])
            #expect(summary.netRevenueMinor == 534)
            #expect(summary.items == 6)
        }
    }

    @Test func returningMoreThanWasBoughtIsRefusedNamingTheLine() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            _ = try await CommerceFixtures.profile(ofOrder: CommerceFixtures.order("O-2"), server: server, key: key)

            let tooMany = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-2", orderID: "O-2", lines: #"[{"lineId": "2", "quantity": 3}]"#))
            #expect(tooMany.status == 422)
            #expect(tooMany.json["field"] as? String == "/lines/0/quantity")
            #expect((tooMany.json["detail"] as? String)?.contains("order line 2 (SCARF-90)") == true)

            let first = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-3", orderID: "O-2", lines: #"[{"lineId": "2", "quantity": 2}]"#))
            #expect(first.status == 201)
            let again = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-4", orderID: "O-2", lines: #"[{"sku": "SCARF-90", "quantity": 1}]"#))
            #expect(again.status == 422)
            #expect(again.json["field"] as? String == "/lines/0/quantity")

            let overRefund = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return(
                    "R-5", orderID: "O-2", lines: #"[{"sku": "BAG-25", "quantity": 1, "refundMinor": 950001}]"#))
            #expect(overRefund.status == 422)
            #expect(overRefund.json["field"] as? String == "/lines/0/refundMinor")

            let unknownSKU = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-6", orderID: "O-2", lines: #"[{"sku": "NOPE", "quantity": 1}]"#))
            #expect(unknownSKU.status == 422)
            #expect(unknownSKU.json["field"] as? String == "/lines/0/sku")
        }
    }

    @Test func concurrentReturnsNeverTakeBackMoreThanWasBought() async throws {
        try await APITestServer.with(poolSize: 6) { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            _ = try await CommerceFixtures.profile(ofOrder: CommerceFixtures.order("O-3"), server: server, key: key)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        try await server.send(
                            "POST", "/v1/returns", key: key,
                            json: CommerceFixtures.return(
                                "R-C\(index)", orderID: "O-3", lines: #"[{"sku": "SCARF-90", "quantity": 1}]"#)
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 201, 422, 422, 422])
        }
    }

    @Test func aCancellationNetsTheOrderOutFully() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let profile = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("O-4", discountMinor: 333), server: server, key: key)
            let kept = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "O-5", channel: "web", storeID: nil, occurredAt: "2024-04-01T10:00:00Z",
                    lines: [CommerceFixtures.bag]),
                server: server, key: key)
            #expect(kept == profile)

            let cancellation = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("C-1", orderID: "O-4", reason: "cancelled"))
            #expect(cancellation.status == 201, "\(cancellation.text)")
            #expect(cancellation.json["refundMinor"] as? Int == 950000 + 85000 - 333)
            #expect((cancellation.json["lines"] as? [Any])?.count == 2)

            let summary = try await CommerceFixtures.summary(server, tenant: tenant, profiles: [profile])
            #expect(summary.orders == 1, "the cancelled order is no purchase")
            #expect(summary.netRevenueMinor == 950000)
            #expect(summary.items == 1)
            #expect(summary.channels == ["web"])
            #expect(summary.stores == [])
            #expect(summary.returnsRate == 0)
            #expect(summary.lastPurchaseAt == ISO8601DateFormatter().date(from: "2024-04-01T10:00:00Z"))

            let nothingLeft = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("C-2", orderID: "O-4", reason: "cancelled"))
            #expect(nothingLeft.status == 422)
            let withLines = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return(
                    "C-3", orderID: "O-5", reason: "cancelled", lines: #"[{"lineId": "1", "quantity": 1}]"#))
            #expect(withLines.status == 422)
            #expect(withLines.json["field"] as? String == "/lines")
        }
    }

    @Test func aReturnIsRecordedOnceAndItsIdCannotBeReused() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            _ = try await CommerceFixtures.profile(ofOrder: CommerceFixtures.order("O-6"), server: server, key: key)
            let body = CommerceFixtures.return("R-8", orderID: "O-6", lines: #"[{"sku": "SCARF-90", "quantity": 1}]"#)
            let first = try await server.send("POST", "/v1/returns", key: key, json: body)
            let resent = try await server.send("POST", "/v1/returns", key: key, json: body)
            let changed = try await server.send(
                "POST", "/v1/returns", key: key,
                json: CommerceFixtures.return("R-8", orderID: "O-6", lines: #"[{"sku": "SCARF-90", "quantity": 2}]"#))

            #expect(first.status == 201)
            #expect(resent.status == 200)
            #expect(resent.json["refundMinor"] as? Int == first.json["refundMinor"] as? Int)
            #expect((resent.json["lines"] as? [Any])?.count == 1)
            #expect(changed.status == 409)
        }
    }

    @Test func aReturnForAnUnknownOrderIsNotFound() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let response = try await server.send(
                "POST", "/v1/returns", key: key, json: CommerceFixtures.return("R-9", orderID: "NEVER"))
            #expect(response.status == 404)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/not-found")
        }
    }
}
