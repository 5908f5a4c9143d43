import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// `/v1/profiles`: the single customer view, by id or by any identifier, its timeline, and
/// the merges that built it (explained, and undone by an admin). Every read declares its
/// purpose (`?purpose=`, default `personalization`) and sees only profiles permitting it.
struct ProfileRoutes {
    let profiles: ProfileReader
    let timeline: ProfileTimeline
    let merges: MergeHistory
    let audit: AuditLog

    func register(on router: some RouteBuilder) {
        router.get("/profiles") { [profiles] request in
            let principal = try request.principal(requiring: .profilesRead)
            let lookup = try request.identifierQuery(example: "email:ann@example.com")
            let view = try await profiles.view(
                tenantID: principal.tenantID, type: lookup.type, rawValue: lookup.rawValue,
                purpose: try request.readPurpose(default: .personalization))
            return try Self.profileResponse(view)
        }
        router.get("/profiles/{profileId}") { [profiles] request in
            let principal = try request.principal(requiring: .profilesRead)
            let view = try await profiles.view(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self),
                purpose: try request.readPurpose(default: .personalization))
            return try Self.profileResponse(view)
        }
        router.get("/profiles/{profileId}/events") { [timeline] request in
            let principal = try request.principal(requiring: .profilesRead)
            let page = try await timeline.page(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self),
                query: try Self.timelineQuery(request), purpose: try request.readPurpose(default: .personalization))
            return try .json(TimelineResponse(page))
        }
        router.get("/profiles/{profileId}/merges") { [merges] request in
            let principal = try request.principal(requiring: .profilesRead)
            let history = try await merges.history(
                tenantID: principal.tenantID, profileID: try request.parameter("profileId", as: UUID.self),
                purpose: try request.readPurpose(default: .personalization))
            return try .json(
                MergeHistoryResponse(
                    data: history.merges.map(MergeResponse.init), refusals: history.refusals.map(MergeRefusalResponse.init)))
        }
        router.post("/profiles/{profileId}/unmerge", maxBodySize: 4 * 1024) { [merges, audit] request in
            let profileID = try request.parameter("profileId", as: UUID.self)
            let principal = try await request.principal(
                requiring: .admin, auditedAs: .profileUnmerged, target: .profile(profileID), in: audit)
            let body = try request.decode(UnmergeRequest.self)
            let result = try await merges.unmerge(
                tenantID: principal.tenantID, profileID: profileID, mergeID: body.mergeId, by: principal.auditActor)
            return try .json(
                UnmergeResponse(
                    merge: MergeResponse(merge: result.merge),
                    restoredProfileIds: result.restoredProfileIDs.map(\.lowercasedString)))
        }
    }

    /// A merged-away id answers with the live profile; `Content-Location` names it, so a
    /// client can update the id it keeps.
    private static func profileResponse(_ view: ProfileView) throws -> Response {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Location", value: "/v1/profiles/\(view.id.lowercasedString)")
        return try .json(ProfileResponse(view: view), headers: headers)
    }

    private static func timelineQuery(_ request: Request) throws -> TimelineQuery {
        let type = try request.query("type").map { name throws in
            guard let type = TrackingCallType(rawValue: name) else {
                throw Problem.badRequest(
                    "The query parameter 'type' must be one of \(TrackingCallType.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return type
        }
        let limit = try request.limitQuery(default: 50, maximum: TimelineQuery.maximumLimit)
        return TimelineQuery(
            type: type, event: request.query("event"), since: try request.dateQuery("since"),
            until: try request.dateQuery("until"),
            cursor: try request.query("cursor").map { token throws in try TimeOrderedCursor(token: token) }, limit: limit)
    }
}
