import AtelierDomain
import AtelierREST

/// `/v1/items`: the tenant's catalogue. Product feeds write it with `events:write`, the key
/// the same integrations already hold; reading needs `events:write` or `profiles:read`,
/// since the catalogue holds no personal data and recommendation front ends browse it.
struct ItemRoutes {
    let catalogue: ItemCatalogue

    func register(on router: some RouteBuilder) {
        router.put("/items/{sku}", maxBodySize: 64 * 1024) { [catalogue] request in
            let principal = try request.principal(requiring: .eventsWrite)
            let sku = try request.parameter("sku", as: String.self)
            let details = try request.decode(ItemRequest.self).details()
            let recorded = try await catalogue.upsert(tenantID: principal.tenantID, sku: sku, details: details)
            return try .json(ItemResponse(recorded.value), status: recorded.created ? .created : .ok)
        }
        router.get("/items/{sku}") { [catalogue] request in
            let principal = try Self.reader(of: request)
            let sku = try request.parameter("sku", as: String.self)
            return try .json(ItemResponse(try await catalogue.find(tenantID: principal.tenantID, sku: sku)))
        }
        router.get("/items") { [catalogue] request in
            let principal = try Self.reader(of: request)
            let page = try await catalogue.list(
                tenantID: principal.tenantID, afterSKU: try request.query("cursor").map(ItemCursor.decode),
                category: request.query("category"), active: try request.booleanQuery("active"),
                limit: try request.limitQuery(default: 100, maximum: 500))
            return try .json(
                PageResponse(
                    data: page.items.map(ItemResponse.init),
                    nextCursor: page.nextAfterSKU.map(ItemCursor.encode(afterSKU:))))
        }
    }

    private static func reader(of request: Request) throws -> Principal {
        let principal = try request.principal()
        if !principal.has(.profilesRead) {
            try principal.require(.eventsWrite)
        }
        return principal
    }
}
