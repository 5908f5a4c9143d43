import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// `/v1/segments`: definitions in the rule language, previews before saving, memberships and
/// their history, and a profile's segments. Managing needs `segments:manage`; every read of
/// members declares a purpose (the segment's own by default) and sees only persons permitting it.
struct SegmentRoutes {
    let segments: SegmentServices

    func register(on router: some RouteBuilder) {
        router.post("/segments", maxBodySize: 64 * 1024) { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let definition = try request.decode(SegmentRequest.self).definition()
            let segment = try await segments.store.create(tenantID: principal.tenantID, definition: definition)
            try await SegmentRefresher.enqueue(segmentID: segment.id, tenantID: principal.tenantID, jobs: segments.jobs)
            return try .json(SegmentResponse(segment: segment), status: .created, headers: Self.location(segment))
        }
        router.get("/segments") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let page = try await segments.store.list(
                tenantID: principal.tenantID, after: try request.query("cursor").map(SegmentCursorToken.decode),
                limit: try request.limitQuery(default: 100, maximum: 500))
            return try .json(
                PageResponse(
                    data: page.segments.map(SegmentResponse.init), nextCursor: page.next.map(SegmentCursorToken.encode)))
        }
        router.post("/segments/preview", maxBodySize: 64 * 1024) { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let body = try request.decode(SegmentPreviewRequest.self)
            let preview = try await segments.evaluator.preview(
                tenantID: principal.tenantID, rule: body.rule,
                purpose: try SegmentRequest.purpose(body.purpose, field: "/purpose"), exact: body.exact ?? false)
            return try .json(SegmentPreviewResponse(preview))
        }
        router.get("/segments/{segmentId}") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let segment = try await Self.segment(in: request, of: principal, segments)
            return try .json(SegmentResponse(segment: segment))
        }
        router.put("/segments/{segmentId}", maxBodySize: 64 * 1024) { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let segmentID = try request.parameter("segmentId", as: UUID.self)
            let definition = try request.decode(SegmentRequest.self).definition()
            let segment = try await segments.store.update(
                tenantID: principal.tenantID, segmentID: segmentID, definition: definition)
            if segment.refreshedVersion != segment.version {
                try await SegmentRefresher.enqueue(segmentID: segmentID, tenantID: principal.tenantID, jobs: segments.jobs)
            }
            return try .json(SegmentResponse(segment: segment))
        }
        router.delete("/segments/{segmentId}") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            try await segments.store.delete(
                tenantID: principal.tenantID, segmentID: try request.parameter("segmentId", as: UUID.self))
            return .noContent
        }
        router.post("/segments/{segmentId}/refresh") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let segment = try await Self.segment(in: request, of: principal, segments)
            let job = try await SegmentRefresher.enqueue(segmentID: segment.id, tenantID: principal.tenantID, jobs: segments.jobs)
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/v1/jobs/\(job.id.lowercasedString)")
            return try .json(JobResponse(job: job), status: .accepted, headers: headers)
        }
        router.get("/segments/{segmentId}/members") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let segment = try await Self.segment(in: request, of: principal, segments)
            let page = try await segments.memberships.members(
                tenantID: principal.tenantID, segmentID: segment.id,
                purpose: try request.readPurpose(default: segment.definition.purpose),
                after: try request.query("cursor").map(SegmentCursorToken.decodeMember),
                limit: try request.limitQuery(default: 100, maximum: SegmentMemberships.maximumLimit))
            return try .json(
                PageResponse(
                    data: page.members.map { SegmentSpellResponse(spell: $0) },
                    nextCursor: page.next.map(SegmentCursorToken.encode(member:))))
        }
        router.get("/segments/{segmentId}/history") { [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let segment = try await Self.segment(in: request, of: principal, segments)
            let page = try await segments.memberships.history(
                tenantID: principal.tenantID, segmentID: segment.id,
                purpose: try request.readPurpose(default: segment.definition.purpose), since: try request.dateQuery("since"),
                cursor: try request.query("cursor").map { token throws in try TimeOrderedCursor(token: token) },
                limit: try request.limitQuery(default: 100, maximum: SegmentMemberships.maximumLimit))
            return try .json(
                PageResponse(data: page.spells.map { SegmentSpellResponse(spell: $0) }, nextCursor: page.next?.token))
        }
        router.get("/profiles/{profileId}/segments") { [segments] request in
            let principal = try request.principal(requiring: .profilesRead)
            let spells = try await segments.memberships.segments(
                ofProfile: try request.parameter("profileId", as: UUID.self), tenantID: principal.tenantID,
                purpose: try request.readPurpose(default: .personalization))
            return try .json(ListResponse(data: spells.map { SegmentSpellResponse(spell: $0.spell, name: $0.name) }))
        }
    }

    /// The segment named in the path, in the caller's tenant.
    private static func segment(in request: Request, of principal: Principal, _ segments: SegmentServices) async throws
        -> Segment
    {
        try await segments.store.find(tenantID: principal.tenantID, segmentID: try request.parameter("segmentId", as: UUID.self))
    }

    private static func location(_ segment: Segment) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: "/v1/segments/\(segment.id.lowercasedString)")
        return headers
    }
}
