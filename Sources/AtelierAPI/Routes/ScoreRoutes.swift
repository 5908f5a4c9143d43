import AtelierDomain
import AtelierREST
import Foundation

/// Scores and the next best offer of a profile, and the tenant's offer rules.
///
/// `GET /v1/profiles/{id}/scores` reads for `analytics` only (scores are shown only for
/// profiles that permit it) with `profiles:read`; `GET /v1/profiles/{id}/offer` reads for
/// `personalization` with `recommendations:read`, answering a non-personal offer for a profile
/// that does not permit it. Neither is reachable with a partner's `audiences:read` key:
/// scores are never shown to partners.
struct ScoreRoutes {
    let scores: ScoreReader
    let offers: NextBestOffer
    let rules: OfferRuleStore

    func register(on router: some RouteBuilder) {
        router.get("/profiles/{profileId}/scores") { [scores] request in
            let principal = try request.principal(requiring: .profilesRead)
            let found = try await scores.scores(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self))
            return try .json(ScoresResponse(found))
        }
        router.get("/profiles/{profileId}/offer") { [offers] request in
            let principal = try request.principal(requiring: .recommendationsRead)
            let decision = try await offers.offer(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self))
            return try .json(OfferResponse(decision))
        }
        router.get("/offers/rules") { [rules] request in
            let principal = try request.principal(requiring: .modelsManage)
            return try .json(OfferRulesResponse(rules: try await rules.rules(tenantID: principal.tenantID)))
        }
        router.put("/offers/rules", maxBodySize: 4 * 1024) { [rules] request in
            let principal = try request.principal(requiring: .modelsManage)
            let body = try request.decode(OfferRulesRequest.self)
            return try .json(OfferRulesResponse(rules: try await rules.replace(tenantID: principal.tenantID, with: body.rules)))
        }
    }
}
