import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// The clusters of the automatic segmentation, under the model registry's paths (so a
/// version's clusters sit beside its metrics): reading them needs `models:manage`; turning
/// one into a saved segment needs `segments:manage`. Kinds other than `segmentation` have no
/// clusters and answer 404.
struct ClusterRoutes {
    let segments: SegmentServices

    func register(on router: some RouteBuilder) {
        router.get("/models/{kind}/versions/{version}/clusters") { [segments] request in
            let principal = try request.principal(requiring: .modelsManage)
            let listing = try await segments.clusters.clusters(
                tenantID: principal.tenantID, version: try Self.version(request))
            return try .json(SegmentationClustersResponse(listing))
        }
        router.post("/models/{kind}/versions/{version}/clusters/{label}/segment", maxBodySize: 8 * 1024) {
            [segments] request in
            let principal = try request.principal(requiring: .segmentsManage)
            let version = try Self.version(request)
            let label = try request.parameter("label", as: Int.self)
            let body =
                request.http.body.isEmpty
                ? ClusterSegmentRequest() : try request.decode(ClusterSegmentRequest.self)
            let segment = try await segments.clusters.segment(
                tenantID: principal.tenantID, version: version, label: label, name: body.name,
                description: body.description, purpose: try SegmentRequest.purpose(body.purpose, field: "/purpose"),
                refreshInterval: body.refreshIntervalSeconds.map { Int($0.value) } ?? SegmentDefinition.defaultRefreshInterval)
            try await SegmentRefresher.enqueue(segmentID: segment.id, tenantID: principal.tenantID, jobs: segments.jobs)
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/v1/segments/\(segment.id.lowercasedString)")
            return try .json(SegmentResponse(segment: segment), status: .created, headers: headers)
        }
    }

    /// The version in the path, of the `segmentation` kind (the only one with clusters).
    private static func version(_ request: Request) throws -> Int {
        let kind = try ModelRoutes.kind(request)
        guard kind == .segmentation else {
            throw Problem.notFound("Model kind '\(kind.rawValue)' has no clusters; only segmentation does.")
        }
        return try request.parameter("version", as: Int.self)
    }
}
