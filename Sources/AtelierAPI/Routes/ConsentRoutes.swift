import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/consents` and `/v1/profiles/{profileId}/consents`: the consent ledger. Choices are
/// recorded (never edited), the current state and the full history are read back, and
/// tenants define their purposes. Enforcement is not here: it lives in the database's
/// row-level security (migration 0006), which every read of personal data passes through.
struct ConsentRoutes {
    let ledger: ConsentLedger
    let purposes: ConsentPurposeCatalogue

    /// Who may read a profile's consent state: front-ends, consent tools, privacy officers.
    private static let readers: [Scope] = [.profilesRead, .consentsWrite, .privacyManage]
    private static let historyLimit = 100

    func register(on router: some RouteBuilder) {
        router.get("/consents/purposes") { [purposes] request in
            let principal = try request.principal(requiringAnyOf: Self.readers)
            return try .json(
                ListResponse(data: try await purposes.list(tenantID: principal.tenantID).map(ConsentPurposeResponse.init)))
        }
        router.put("/consents/purposes/{purpose}", maxBodySize: 4 * 1024) { [purposes] request in
            let principal = try request.principal(requiring: .admin)
            let purpose = try Purpose(try request.parameter("purpose", as: String.self), field: "purpose")
            let body = try request.decode(ConsentPurposeRequest.self)
            guard let basis = LawfulBasis(rawValue: body.lawfulBasis) else {
                throw DomainError.invalid(
                    field: "/lawfulBasis", reason: "is not a lawful basis", hint: "consent or legitimate_interest")
            }
            let definition = try await purposes.define(
                tenantID: principal.tenantID, purpose: purpose, lawfulBasis: basis, description: body.description ?? "")
            return try .json(ConsentPurposeResponse(definition))
        }
        router.put("/profiles/{profileId}/consents", maxBodySize: 32 * 1024) { [ledger] request in
            let principal = try request.principal(requiring: .consentsWrite)
            let statement = try request.decode(ConsentRequest.self).statement(now: Date())
            let overview = try await ledger.record(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self),
                statement: statement, by: principal.auditActor)
            return try .json(ConsentOverviewResponse(overview))
        }
        router.get("/profiles/{profileId}/consents") { [ledger] request in
            let principal = try request.principal(requiringAnyOf: Self.readers)
            let overview = try await ledger.overview(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self))
            return try .json(ConsentOverviewResponse(overview))
        }
        router.get("/profiles/{profileId}/consents/history") { [ledger] request in
            let principal = try request.principal(requiringAnyOf: [.consentsWrite, .privacyManage])
            let limit = try request.query("limit").map { text throws in
                guard let limit = Int(text), (1...Self.historyLimit).contains(limit) else {
                    throw Problem.badRequest("The query parameter 'limit' must be an integer from 1 to \(Self.historyLimit).")
                }
                return limit
            } ?? 50
            let page = try await ledger.history(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self),
                cursor: try request.query("cursor").map { token throws in try TimeOrderedCursor(token: token) },
                limit: limit)
            return try .json(ConsentHistoryResponse(page))
        }
    }
}
