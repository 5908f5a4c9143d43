import AtelierDomain
import Foundation
import Testing

/// Request bodies and reads shared by the commerce suites, so each test states only what it
/// is about.
enum CommerceFixtures {
    static let bag = #"{"sku": "BAG-25", "quantity": 1, "unitPriceMinor": 950000}"#
    static let scarves = #"{"sku": "SCARF-90", "quantity": 2, "unitPriceMinor": 45000, "discountMinor": 5000}"#

    /// A store order for ann@example.com unless told otherwise.
    static func order(
        _ orderID: String, channel: String = "store", storeID: String? = "PAR-1", currency: String = "EUR",
        occurredAt: String = "2024-05-01T10:00:00Z", lines: [String] = [bag, scarves], discountMinor: Int = 0,
        customer: String = #"{"email": "ann@example.com"}"#
    ) -> String {
        let store = storeID.map { #""storeId": "\#($0)", "# } ?? ""
        return """
            {"orderId": "\(orderID)", "channel": "\(channel)", \(store)"occurredAt": "\(occurredAt)", \
            "currency": "\(currency)", "lines": [\(lines.joined(separator: ", "))], \
            "discountMinor": \(discountMinor), "customer": \(customer)}
            """
    }

    static func `return`(_ returnID: String, orderID: String, reason: String = "returned", lines: String? = nil)
        -> String
    {
        let linesMember = lines.map { #", "lines": \#($0)"# } ?? ""
        return """
            {"returnId": "\(returnID)", "orderId": "\(orderID)", "occurredAt": "2024-05-08T10:00:00Z", \
            "reason": "\(reason)"\(linesMember)}
            """
    }

    /// Records `body` as an order and returns the profile it attached to.
    static func profile(ofOrder body: String, server: APITestServer, key: String) async throws -> UUID {
        let response = try await server.send("POST", "/v1/orders", key: key, json: body)
        guard response.status == 201, let id = (response.json["profileId"] as? String).flatMap(UUID.init(uuidString:))
        else {
            throw RawHTTPClient.Failure(description: "order not recorded: \(response.status) \(response.text)")
        }
        return id
    }

    static func summary(_ server: APITestServer, tenant: Tenant, profiles: [UUID]) async throws -> PurchaseSummary {
        try await PurchaseSummaryService(pools: server.personalData).summary(
            tenantID: tenant.id, profileIDs: profiles, purpose: .analytics)
    }

    /// Sends each body and expects 422 naming its field.
    static func expectRefusals(
        _ cases: [(body: String, field: String)], _ method: String, _ path: String, server: APITestServer, key: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for (body, field) in cases {
            let response = try await server.send(method, path, key: key, json: body)
            #expect(response.status == 422, "\(field): \(response.text)", sourceLocation: sourceLocation)
            #expect(response.json["field"] as? String == field, "\(response.text)", sourceLocation: sourceLocation)
        }
    }

    /// `text` as one path segment: everything but unreserved ASCII percent-encoded.
    static func pathSegment(_ text: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
