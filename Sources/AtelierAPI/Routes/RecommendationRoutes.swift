import AtelierDomain
import AtelierREST
import Foundation

/// Serving for front-ends: items bought with an item, and suggestions for an anonymous cart.
/// Both read the serving bought-together version's rules (aggregates, no person); each answer
/// names the strategy and model version behind it.
struct RecommendationRoutes {
    let boughtTogether: BoughtTogether
    private static let maximumLimit = 50

    func register(on router: some RouteBuilder) {
        router.get("/items/{sku}/related") { [boughtTogether] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let answer = try await boughtTogether.related(
                tenantID: principal.tenantID, sku: try request.parameter("sku", as: String.self),
                limit: try Self.limit(request.query("limit")))
            return try .json(RelatedItemsResponse(answer: answer))
        }
        router.post("/recommendations", maxBodySize: 16 * 1024) { [boughtTogether] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let body = try request.decode(CartRequest.self)
            guard !body.skus.isEmpty, body.skus.count <= 100 else {
                throw DomainError.invalid(field: "/skus", reason: "must hold 1 to 100 SKUs", hint: nil)
            }
            if let index = body.skus.firstIndex(where: { $0.isEmpty || $0.count > 200 }) {
                throw DomainError.invalid(field: "/skus/\(index)", reason: "must be 1 to 200 characters", hint: nil)
            }
            let answer = try await boughtTogether.forCart(
                tenantID: principal.tenantID, skus: body.skus, limit: try Self.limit(body.limit.map(String.init)))
            return try .json(RelatedItemsResponse(answer: answer))
        }
    }

    private static func limit(_ text: String?) throws -> Int {
        guard let text else { return 10 }
        guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
            throw Problem.badRequest("'limit' must be an integer from 1 to \(maximumLimit).")
        }
        return limit
    }
}
