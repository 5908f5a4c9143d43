import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/segmentation/versions/{version}/clusters/{label}/segment`
/// (optional): what differs from the defaults (the cluster's name, `analytics`, hourly).
struct ClusterSegmentRequest: Decodable, StrictDecodable {
    var name: String?
    var description: String?
    var purpose: String?
    var refreshIntervalSeconds: StrictInteger?

    static let allowedFields: Set<String> = ["name", "description", "purpose", "refreshIntervalSeconds"]
}
