import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// `/v1/audiences`: segments shared with partners. Marketing keys (`segments:manage`) define
/// them; partner keys (`audiences:read`, limited to the audiences named on the key) list theirs
/// and pull members page by page, as a snapshot or a delta since a time. Turning on raw
/// identifiers needs `admin`. Another tenant's audience, or one not named on a partner's key,
/// answers 404 as if it did not exist.
struct AudienceRoutes {
    let segments: SegmentServices

    func register(on router: some RouteBuilder) {
        router.post("/audiences", maxBodySize: 16 * 1024) { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let definition = try Self.definition(request, principal)
            let audience = try await segments.audiences.create(tenantID: principal.tenantID, definition: definition)
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/v1/audiences/\(audience.id.lowercasedString)")
            return try .json(AudienceResponse(audience: audience), status: .created, headers: headers)
        }
        router.get("/audiences") { [segments] request in
            let principal = try request.principal(requiringAnyOf: [.segmentsManage, .audiencesRead])
            let audiences = try await segments.audiences.list(
                tenantID: principal.tenantID, only: principal.has(.segmentsManage) ? nil : principal.audienceIDs)
            return try .json(ListResponse(data: audiences.map(AudienceResponse.init)))
        }
        router.get("/audiences/{audienceId}") { [segments] request in
            let principal = try request.principal(requiringAnyOf: [.segmentsManage, .audiencesRead])
            let audienceID = try Self.readable(request, principal, manageable: true)
            return try .json(
                AudienceResponse(audience: try await segments.audiences.find(tenantID: principal.tenantID, audienceID: audienceID)))
        }
        router.put("/audiences/{audienceId}", maxBodySize: 16 * 1024) { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let audienceID = try request.parameter("audienceId", as: UUID.self)
            let audience = try await segments.audiences.update(
                tenantID: principal.tenantID, audienceID: audienceID, definition: try Self.definition(request, principal))
            return try .json(AudienceResponse(audience: audience))
        }
        router.delete("/audiences/{audienceId}") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            try await segments.audiences.delete(
                tenantID: principal.tenantID, audienceID: try request.parameter("audienceId", as: UUID.self))
            return .noContent
        }
        router.get("/audiences/{audienceId}/deliveries") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let audience = try await segments.audiences.find(
                tenantID: principal.tenantID, audienceID: try request.parameter("audienceId", as: UUID.self))
            let records = try await segments.audiences.deliveries(
                tenantID: principal.tenantID, audienceID: audience.id, limit: try request.limitQuery(default: 100, maximum: 500))
            return try .json(ListResponse(data: records.map(AudienceDeliveryResponse.init)))
        }
        router.get("/audiences/{audienceId}/members") { [segments] request in
            let principal = try request.principal(requiring: .audiencesRead)
            let audienceID = try Self.readable(request, principal, manageable: false)
            let format = try Self.format(request)
            let page = try await segments.delivery.page(
                tenantID: principal.tenantID, audienceID: audienceID, keyID: principal.keyID,
                since: try request.dateQuery("since"),
                cursor: try request.query("cursor").map { token throws in try AudienceCursor(token: token) },
                limit: try request.limitQuery(default: AudienceDelivery.defaultPageSize, maximum: AudienceDelivery.maximumPageSize),
                format: format)
            let writer = AudienceRowsWriter(audience: page.audience.definition, format: format)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: writer.contentType)
            headers.add(name: "Audience-Delivery", value: page.kind.rawValue)
            if let next = page.next {
                headers.add(name: "Audience-Next-Cursor", value: next.token)
                headers.add(
                    name: "Link",
                    value: "</v1/audiences/\(audienceID.lowercasedString)/members?format=\(format.rawValue)&cursor=\(next.token)>; rel=\"next\"")
            }
            return HTTPResponse(status: .ok, headers: headers, body: try writer.body(page.rows))
        }
    }

    /// The audience in the path, if this key may read it: a partner key only the audiences named
    /// on it (`audiences:read`); a manager (`segments:manage`, when `manageable`) or admin, all.
    private static func readable(_ request: Request, _ principal: Principal, manageable: Bool) throws -> UUID {
        let audienceID = try request.parameter("audienceId", as: UUID.self)
        let unlimited = principal.scopes.contains(.admin) || (manageable && principal.has(.segmentsManage))
        guard unlimited || principal.audienceIDs.contains(audienceID) else {
            throw DomainError.notFound(resource: "audience", id: audienceID.uuidString)
        }
        return audienceID
    }

    private static func definition(_ request: Request, _ principal: Principal) throws -> AudienceDefinition {
        let definition = try request.decode(AudienceRequest.self).definition()
        if definition.rawIdentifiers, !principal.scopes.contains(.admin) {
            throw DomainError.forbidden(missingScope: .admin)
        }
        return definition
    }

    private static func format(_ request: Request) throws(Problem) -> AudienceFormat {
        guard let name = request.query("format") else { return .ndjson }
        guard let format = AudienceFormat(rawValue: name) else {
            throw Problem.badRequest("The query parameter 'format' must be ndjson or csv.")
        }
        return format
    }
}
