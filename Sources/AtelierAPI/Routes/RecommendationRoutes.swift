import AtelierDomain
import AtelierREST
import Foundation

/// Serving for front-ends: items bought with an item, suggestions for an anonymous cart, and a
/// profile's personal recommendations. Each answer names the strategy and model version behind
/// it. Personal answers read the person for `personalization` only: a profile that does not
/// permit it and an unknown id get the same popularity answer, so the route tells neither.
struct RecommendationRoutes {
    let boughtTogether: BoughtTogether
    let recommenders: RecommenderServices
    private static let maximumLimit = 50
    private static let personalParameters: Set<String> = ["limit", "category", "exclude", "context", "sameBrand"]

    func register(on router: some RouteBuilder) {
        router.get("/items/{sku}/related") { [boughtTogether] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let answer = try await boughtTogether.related(
                tenantID: principal.tenantID, sku: try request.parameter("sku", as: String.self),
                limit: try Self.limit(request.query("limit")))
            return try .json(RelatedItemsResponse(answer: answer))
        }
        router.post("/recommendations", maxBodySize: 16 * 1024) { [recommenders] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let body = try request.decode(CartRequest.self)
            guard !body.skus.isEmpty, body.skus.count <= 100 else {
                throw DomainError.invalid(field: "/skus", reason: "must hold 1 to 100 SKUs", hint: nil)
            }
            if let index = body.skus.firstIndex(where: { $0.isEmpty || $0.count > 200 }) {
                throw DomainError.invalid(field: "/skus/\(index)", reason: "must be 1 to 200 characters", hint: nil)
            }
            let answer = try await recommenders.cart.recommend(
                tenantID: principal.tenantID, skus: body.skus, limit: try Self.limit(body.limit.map(String.init)))
            return try .json(RelatedItemsResponse(answer: answer))
        }
        router.get("/profiles/{profileId}/recommendations") { [recommenders] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let profileID = try request.parameter("profileId", as: UUID.self)
            let answer = try await recommenders.personal.recommend(
                tenantID: principal.tenantID, profileID: profileID, query: try Self.personalQuery(request))
            return try .json(PersonalRecommendationsResponse(profileID: profileID, answer: answer))
        }
    }

    private static func limit(_ text: String?) throws -> Int {
        guard let text else { return 10 }
        guard let limit = Int(text), (1...maximumLimit).contains(limit) else {
            throw Problem.badRequest("'limit' must be an integer from 1 to \(maximumLimit).")
        }
        return limit
    }

    /// `limit` (1–50, default 10), `category` (1–200 characters), `exclude` (up to 100 SKUs),
    /// `context` (up to 20 SKUs), lists comma-separated, and `sameBrand` (`true` or `false`);
    /// each at most once, nothing else.
    private static func personalQuery(_ request: Request) throws -> PersonalRecommendationQuery {
        for item in request.queryItems where !personalParameters.contains(item.name) {
            throw Problem.badRequest(
                "Unknown query parameter '\(item.name)'.",
                hint: "accepted: \(personalParameters.sorted().joined(separator: ", "))")
        }
        for name in personalParameters where request.queryItems.count(where: { $0.name == name }) > 1 {
            throw Problem.badRequest("The query parameter '\(name)' must be given at most once.", hint: "separate SKUs by commas")
        }
        let category = try request.query("category").map { text throws in
            guard (1...200).contains(text.count), !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw Problem.badRequest("The query parameter 'category' must be 1 to 200 characters without control characters.") }
            return text
        }
        return PersonalRecommendationQuery(
            limit: try request.limitQuery(default: 10, maximum: maximumLimit), category: category,
            exclude: try skuList(request, "exclude", maximum: 100), context: try skuList(request, "context", maximum: 20),
            sameBrand: try request.booleanQuery("sameBrand") ?? false)
    }

    private static func skuList(_ request: Request, _ name: String, maximum: Int) throws -> [String] {
        guard let text = request.query(name) else { return [] }
        let skus = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard skus.count <= maximum,
            skus.allSatisfy({ (1...200).contains($0.count) && !$0.unicodeScalars.contains { $0.properties.generalCategory == .control } })
        else {
            throw Problem.badRequest(
                "The query parameter '\(name)' must list 1 to \(maximum) SKUs of 1 to 200 characters, comma-separated.",
                hint: "for example \(name)=BAG-1,WALLET-2")
        }
        return skus
    }
}
