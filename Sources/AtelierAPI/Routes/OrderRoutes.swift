import AtelierDomain
import AtelierREST

/// `/v1/orders`: orders from tills, sites, apps and the contact centre, recorded once each.
struct OrderRoutes {
    let orders: OrderBook

    func register(on router: some RouteBuilder) {
        router.post("/orders", maxBodySize: 512 * 1024) { [orders] request in
            let principal = try request.principal(requiring: .eventsWrite)
            let submission = try request.decode(OrderRequest.self).submission()
            let recorded = try await orders.record(tenantID: principal.tenantID, submission)
            return try .json(OrderResponse(recorded.value), status: recorded.created ? .created : .ok)
        }
    }
}
