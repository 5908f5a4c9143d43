import AtelierDomain
import AtelierREST

/// `/v1/returns`: returns and cancellations, each a new fact netted against its order.
struct ReturnRoutes {
    let returns: ReturnBook

    func register(on router: some RouteBuilder) {
        router.post("/returns", maxBodySize: 512 * 1024) { [returns] request in
            let principal = try request.principal(requiring: .eventsWrite)
            let submission = try request.decode(ReturnRequest.self).submission
            let recorded = try await returns.record(tenantID: principal.tenantID, submission)
            return try .json(ReturnResponse(recorded.value), status: recorded.created ? .created : .ok)
        }
    }
}
